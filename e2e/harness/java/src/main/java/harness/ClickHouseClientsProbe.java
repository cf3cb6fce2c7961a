package harness;

import com.clickhouse.client.ClickHouseClient;
import com.clickhouse.client.ClickHouseException;
import com.clickhouse.client.ClickHouseNode;
import com.clickhouse.client.ClickHouseNodeSelector;
import com.clickhouse.client.ClickHouseProtocol;
import com.clickhouse.client.ClickHouseResponse;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.internal.ClickHouseLZ4OutputStream;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.client.api.query.Records;
import com.clickhouse.client.config.ClickHouseClientOption;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.data.ClickHouseRecord;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.jpountz.lz4.LZ4Factory;

/**
 * Drives a ClickHouse HTTP endpoint with ClickHouse's own Java clients the way the official Kafka sink does
 * (clickhouse-kafka-connect v1.5.0, ClickHouseHelperClient and ClickHouseWriter): client v1
 * (clickhouse-http-client 0.9.5) and client-v2 (0.9.5). Prints one JSON object per check on stdout; the harness test
 * asserts them. A check that throws prints its exception instead of stopping the run.
 *
 * Usage: ClickHouseClientsProbe <http://host:port> <user> <password> <database> <table>
 * The table must exist: (id UInt32, name String, note Nullable(String), amount Decimal(12, 2), at DateTime64(3, 'UTC')).
 */
public final class ClickHouseClientsProbe {
  private static String endpoint;
  private static String user;
  private static String password;
  private static String database;
  private static String table;

  public static void main(String[] args) throws Exception {
    endpoint = args[0];
    user = args[1];
    password = args[2];
    database = args[3];
    table = args[4];
    v1();
    v2();
    lz4Vector();
    System.exit(0);
  }

  // ---------------------------------------------------------------- client v1 (the sink's default, client_version=V1)

  private static ClickHouseNode v1Node(String db, String pass) {
    Map<String, String> options = new HashMap<>();
    options.put("user", user);
    options.put("password", pass);
    // As ClickHouseHelperClient.createClientV1 builds it: http://host:port/<database>
    return ClickHouseNode.of(endpoint + "/" + db, options);
  }

  private static ClickHouseClient v1Client(boolean compress, boolean decompress) {
    return ClickHouseClient.builder()
        .nodeSelector(ClickHouseNodeSelector.of(ClickHouseProtocol.HTTP))
        .option(ClickHouseClientOption.CLIENT_NAME, "harness-probe")
        .option(ClickHouseClientOption.COMPRESS, compress)
        .option(ClickHouseClientOption.DECOMPRESS, decompress)
        .build();
  }

  private static void v1() {
    ClickHouseNode node = v1Node(database, password);
    check("v1", "ping", () -> {
      try (ClickHouseClient c = v1Client(true, false)) {
        return String.valueOf(c.ping(node, 10_000));
      }
    });
    for (boolean compress : new boolean[] {true, false}) {
      check("v1", compress ? "version-compressed" : "version-plain", () -> {
        try (ClickHouseClient c = v1Client(compress, false);
            ClickHouseResponse r = c.read(node).query("SELECT VERSION()").executeAndWait()) {
          return r.firstRecord().getValue(0).asString();
        }
      });
    }
    check("v1", "system-columns-rowbinary", () -> {
      String sql = String.format(
          "select database, table, count(*) as col_count from system.columns where database = '%s' group by database, table", database);
      try (ClickHouseClient c = v1Client(true, false);
          ClickHouseResponse r = c.read(node).query(sql).format(ClickHouseFormat.RowBinaryWithNamesAndTypes).executeAndWait()) {
        List<String> rows = new ArrayList<>();
        for (ClickHouseRecord rec : r.records()) rows.add(rec.getValue(1).asString() + "=" + rec.getValue(2).asInteger());
        return String.join(",", rows);
      }
    });
    check("v1", "describe", () -> {
      String sql = String.format("DESCRIBE TABLE `%s`.`%s`", database, table);
      try (ClickHouseClient c = v1Client(true, false);
          ClickHouseResponse r = c.read(node).set("describe_include_subcolumns", true).format(ClickHouseFormat.JSONEachRow).query(sql).executeAndWait()) {
        List<String> names = new ArrayList<>();
        for (ClickHouseRecord rec : r.records()) names.add(rec.getValue(0).asString().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
        return String.join(",", names);
      }
    });
    for (boolean decompress : new boolean[] {false, true}) {
      check("v1", decompress ? "insert-rowbinary-compressed" : "insert-rowbinary", () -> {
        // The sink's getMutationRequest: write().table(name, queryId).format(RowBinary); no database in the statement.
        try (ClickHouseClient c = v1Client(true, decompress);
            ClickHouseResponse r = c.read(node).write()
                .table(table, "probe-v1-" + decompress + "-" + System.nanoTime())
                .format(ClickHouseFormat.RowBinary)
                .set("insert_deduplication_token", "probe-v1-" + decompress)
                .data(new ByteArrayInputStream(rows(decompress ? 100 : 10, decompress ? 1000 : 0)))
                .executeAndWait()) {
          return String.valueOf(r.getSummary().getWrittenRows());
        }
      });
    }
    check("v1", "wrong-password", () -> {
      try (ClickHouseClient c = v1Client(true, false);
          ClickHouseResponse r = c.read(v1Node(database, password + "-wrong")).query("SELECT 1").executeAndWait()) {
        return "no error";
      }
    });
    check("v1", "unknown-table", () -> {
      try (ClickHouseClient c = v1Client(true, false);
          ClickHouseResponse r = c.read(node).query("SELECT * FROM no_such_table_probe").executeAndWait()) {
        return "no error";
      }
    });
  }

  // ---------------------------------------------------------------- client-v2 (client_version=V2)

  private static Client v2Client(String pass, boolean compressRequest) {
    return new Client.Builder()
        .addEndpoint(endpoint + "/" + database)
        .setUsername(user)
        .setPassword(pass)
        .setClientName("harness-probe")
        .setDefaultDatabase(database)
        .compressClientRequest(compressRequest)
        .build();
  }

  private static void v2() {
    try (Client client = v2Client(password, false)) {
      check("v2", "ping", () -> String.valueOf(client.ping(10_000)));
      check("v2", "version-compressed", () -> {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes);
        try (Records records = client.queryRecords("SELECT VERSION()", settings).get(30, TimeUnit.SECONDS)) {
          for (GenericRecord r : records) return r.getString(1);
          return "no rows";
        }
      });
      check("v2", "system-columns-rowbinary", () -> {
        String sql = String.format(
            "select database, table, count(*) as col_count from system.columns where database = '%s' group by database, table", database);
        try (Records records = client.queryRecords(sql).get(30, TimeUnit.SECONDS)) {
          List<String> rows = new ArrayList<>();
          for (GenericRecord r : records) rows.add(r.getString(2) + "=" + r.getInteger(3));
          return String.join(",", rows);
        }
      });
      check("v2", "describe", () -> {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.JSONEachRow);
        settings.serverSetting("describe_include_subcolumns", "1");
        settings.setDatabase(database);
        List<String> names = new ArrayList<>();
        try (QueryResponse response = client.query(String.format("DESCRIBE TABLE `%s`.`%s`", database, table), settings).get(30, TimeUnit.SECONDS);
            BufferedReader br = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = br.readLine()) != null) names.add(line.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
        }
        return String.join(",", names);
      });
      check("v2", "insert-rowbinary", () -> insertV2(client, 10, 2000));
      check("v2", "unknown-table", () -> {
        try (Records records = client.queryRecords("SELECT * FROM no_such_table_probe").get(30, TimeUnit.SECONDS)) {
          return "no error";
        }
      });
    }
    try (Client compressing = v2Client(password, true)) {
      check("v2", "insert-rowbinary-compressed", () -> insertV2(compressing, 100, 3000));
    }
    try (Client wrong = v2Client(password + "-wrong", false)) {
      check("v2", "wrong-password", () -> {
        try (Records records = wrong.queryRecords("SELECT 1").get(30, TimeUnit.SECONDS)) {
          return "no error";
        }
      });
    }
  }

  /** As ClickHouseWriter.doInsertRawBinaryV2: database, query id and dedup token in InsertSettings; the table name alone. */
  private static String insertV2(Client client, int count, int firstId) throws Exception {
    InsertSettings settings = new InsertSettings();
    settings.setDatabase(database);
    settings.setQueryId("probe-v2-" + firstId + "-" + System.nanoTime());
    settings.setDeduplicationToken("probe-v2-" + firstId);
    try (InsertResponse response = client.insert(table, new ByteArrayInputStream(rows(count, firstId)), ClickHouseFormat.RowBinary, settings)
        .get(60, TimeUnit.SECONDS)) {
      return String.valueOf(response.getWrittenRows());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** `count` rows in RowBinary for the probe table, ids from `firstId`. */
  private static byte[] rows(int count, int firstId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      int id = firstId + i;
      b.clear();
      b.putInt(id);
      out.write(b.array(), 0, 4);
      byte[] name = ("row-" + id + "-é").getBytes(StandardCharsets.UTF_8);
      out.write(name.length); // varint, < 128
      out.write(name, 0, name.length);
      if (id % 2 == 0) {
        out.write(1); // NULL
      } else {
        out.write(0);
        byte[] note = ("note " + id).getBytes(StandardCharsets.UTF_8);
        out.write(note.length);
        out.write(note, 0, note.length);
      }
      b.clear();
      b.putLong(id * 100L + 25); // Decimal(12, 2) as Int64: id.25
      out.write(b.array(), 0, 8);
      b.clear();
      b.putLong(1_700_000_000_000L + id); // DateTime64(3): milliseconds
      out.write(b.array(), 0, 8);
    }
    return out.toByteArray();
  }

  /** A block written by client-v2's own LZ4 stream (what it sends with decompress=1), for the adapter's unit tests. */
  private static void lz4Vector() {
    check("v2", "lz4-vector", () -> {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      byte[] payload = rows(40, 7);
      try (ClickHouseLZ4OutputStream out = new ClickHouseLZ4OutputStream(sink, LZ4Factory.fastestInstance().fastCompressor(), 64 * 1024)) {
        out.write(payload);
      }
      return HexFormat.of().formatHex(payload) + ":" + HexFormat.of().formatHex(sink.toByteArray());
    });
  }

  private interface Check {
    String run() throws Exception;
  }

  private static void check(String client, String name, Check check) {
    StringBuilder json = new StringBuilder().append("{\"client\":\"").append(client).append("\",\"check\":\"").append(name).append('"');
    try {
      String value = check.run();
      json.append(",\"value\":").append(quote(value));
    } catch (Throwable error) {
      Integer code = errorCode(error);
      if (code != null) json.append(",\"code\":").append(code);
      json.append(",\"error\":").append(quote(error.getClass().getSimpleName() + ": " + rootMessage(error)));
    }
    System.out.println(json.append('}'));
  }

  private static Integer errorCode(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ServerException) return ((ServerException) t).getCode();
      if (t instanceof ClickHouseException) return ((ClickHouseException) t).getErrorCode();
    }
    return null;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return String.valueOf(t.getMessage());
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') out.append('\\').append(ch);
      else if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
      else out.append(ch);
    }
    return out.append('"').toString();
  }

  private ClickHouseClientsProbe() {}
}
