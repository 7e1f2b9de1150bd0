using SupportBot.Attachments;

namespace SupportBot.Tests.Attachments;

public class AttachmentSignatureTests
{
    private static readonly AttachmentSignature Signer = new(new byte[32]);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly long Expires = Now.ToUnixTimeSeconds() + 60;
    private static readonly string Expiry = Expires.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ALinkIsValidForItsFileAndConversationUntilItExpires()
    {
        var signature = Signer.Sign("file1", "conv1", Expires);

        Assert.Equal(AttachmentLinkStatus.Valid, Signer.Check("file1", "conv1", Expiry, signature, Now));
        Assert.Equal(AttachmentLinkStatus.Expired, Signer.Check("file1", "conv1", Expiry, signature, Now.AddSeconds(60)));
    }

    [Fact]
    public void ALinkForAnotherFileConversationOrExpiryOrUnderAnotherKeyIsInvalid()
    {
        var signature = Signer.Sign("file1", "conv1", Expires);
        var otherKey = new AttachmentSignature([.. Enumerable.Repeat((byte)1, 32)]);

        Assert.Equal(AttachmentLinkStatus.Invalid, Signer.Check("file2", "conv1", Expiry, signature, Now));
        Assert.Equal(AttachmentLinkStatus.Invalid, Signer.Check("file1", "conv2", Expiry, signature, Now));
        Assert.Equal(AttachmentLinkStatus.Invalid, Signer.Check("file1", "conv1", (Expires + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Now));
        Assert.Equal(AttachmentLinkStatus.Invalid, otherKey.Check("file1", "conv1", Expiry, signature, Now));
    }

    [Theory]
    [InlineData(null, "x")]
    [InlineData("soon", "AAAA")]
    [InlineData("-5", "AAAA")]
    [InlineData("1800000060", null)]
    [InlineData("1800000060", "not base64url!")]
    [InlineData("1800000060", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void AMalformedLinkIsInvalid(string? expires, string? signature)
    {
        Assert.Equal(AttachmentLinkStatus.Invalid, Signer.Check("file1", "conv1", expires, signature, Now));
    }

    [Fact]
    public void AFileWithNoConversationHasNoValidLink()
    {
        Assert.Equal(AttachmentLinkStatus.Invalid, Signer.Check("file1", "", Expiry, Signer.Sign("file1", "", Expires), Now));
    }
}
