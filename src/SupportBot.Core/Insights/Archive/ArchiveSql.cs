using System.Data.Common;

namespace SupportBot.Insights.Archive;

/// <summary>Small ADO.NET helpers the archive's SQL shares: parameters, and times kept as Unix milliseconds.</summary>
internal static class ArchiveSql
{
    public static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = Value(value);
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>A value as the tables keep it: times as Unix ms, flags as 0/1, nulls as DBNull.</summary>
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset t => t.ToUnixTimeMilliseconds(),
        bool b => b ? 1 : 0,
        _ => value,
    };

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    public static DateTimeOffset Time(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    public static DateTimeOffset? NullableTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    public static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static double? Double(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public static bool? Flag(DbDataReader r, int i) => Int(r, i) is { } v ? v != 0 : null;

    /// <summary>Tags as the handoffs table keeps them: each wrapped in commas, so LIKE '%,tag,%' finds one.</summary>
    public static string? Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? null : $",{string.Join(',', tags)},";

    public static IReadOnlyList<string> Tags(string? column) =>
        column is null ? [] : column.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A LIKE pattern for a substring, with the wildcards in it escaped (ESCAPE '\').</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
