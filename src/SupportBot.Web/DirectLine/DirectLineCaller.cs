namespace SupportBot.Web.DirectLine;

/// <summary>Who is calling a Direct Line endpoint: the secret's holder (a trusted backend) or a token's holder.</summary>
public sealed record DirectLineCaller(DirectLineToken? Token)
{
    public bool IsSecretHolder => Token is null;
}
