using System.Net.Mail;

namespace SupportBot.Mail;

/// <summary>What counts as an address a customer may type: one plain mailbox (no display name, no list), at most 254 characters.</summary>
public static class MailAddresses
{
    public const int MaxLength = 254;

    public static bool IsValid(string? address)
    {
        var trimmed = address?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Contains(',') || trimmed.Contains(';'))
        {
            return false;
        }

        // MailAddress also takes "Name <a@b>"; a customer's field is the bare address, so it must come back unchanged.
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && parsed.Host.Length > 0;
    }
}
