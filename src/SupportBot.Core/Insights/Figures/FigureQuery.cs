using System.Data.Common;
using System.Globalization;
using SupportBot.Insights.Archive;

namespace SupportBot.Insights.Figures;

/// <summary>
/// One range's queries: the WHERE of the range's filters, its parameters, the reading. Each query runs on a connection
/// of its own (<see cref="IConversationArchive.ReadAsync"/>), so a caller may start several and await them together.
/// </summary>
internal sealed class FigureQuery(IConversationArchive archive, InsightsRange range)
{
    /// <summary>The range's conversations (alias c): started in it, in its language and channel when given.</summary>
    public string Conversations { get; } = "c.started_at_ms >= @from AND c.started_at_ms < @to"
        + (range.Language is null ? "" : " AND c.language = @lang")
        + (range.Channel is null ? "" : " AND c.channel = @channel");

    /// <summary>Tickets opened in the range, in its language; on its channel when their conversation is archived and on it.</summary>
    public string Tickets { get; } = "t.opened_at_ms >= @from AND t.opened_at_ms < @to"
        + (range.Language is null ? "" : " AND t.language = @lang")
        + (range.Channel is null ? "" : " AND c.channel = @channel");

    public Task<List<object?[]>> RowsAsync(string sql, CancellationToken ct, long? now = null) =>
        archive.ReadAsync(async (connection, token) =>
        {
            var rows = new List<object?[]>();
            await using var command = Command(connection, sql, now);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return rows;
        }, ct);

    /// <summary>The first column of every row, an integer never null, in no particular order.</summary>
    private Task<List<long>> ValuesAsync(string sql, CancellationToken ct, long? now) =>
        archive.ReadAsync(async (connection, token) =>
        {
            var values = new List<long>();
            await using var command = Command(connection, sql, now);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                values.Add(reader.GetInt64(0));
            }

            return values;
        }, ct);

    private DbCommand Command(DbConnection connection, string sql, long? now)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, "@from", range.FromMs);
        Bind(command, "@to", range.ToMs);
        if (range.Language is not null)
        {
            Bind(command, "@lang", range.Language);
        }

        if (range.Channel is not null)
        {
            Bind(command, "@channel", range.Channel);
        }

        if (now is not null)
        {
            Bind(command, "@now", now.Value);
        }

        return command;
    }

    public async Task<object?[]> RowAsync(string sql, CancellationToken ct) => (await RowsAsync(sql, ct)).Single();

    /// <summary>
    /// p50 and p90 of a duration in milliseconds, in <paramref name="unitMs"/> units (1000: seconds), to 3 decimals.
    /// The values are sorted here, not by the database: its window functions (ROW_NUMBER over the sorted values, which
    /// SQLite lacks percentile_cont for) cost SQLite three times the scan that reads them, 8 bytes a value here.
    /// </summary>
    public async Task<Percentiles> PercentilesAsync(string valueMs, string from, string where, double unitMs, CancellationToken ct, long? now = null) =>
        Percentiles.Of(await ValuesAsync(FigureSql.Values(valueMs, from, where), ct, now), unitMs);

    // SUM over no rows is NULL, and PostgreSQL's SUM of a bigint is numeric: every count is read through here.
    public static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static double Double(object? value) => value is null ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    public static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
