package weaver.conn;

/** Test stub: every docid resolves to image file 1, named by the system property stub.name. */
public class RecordSet {
    private boolean row;

    public boolean executeQuery(String sql, Object... params) { row = true; return true; }
    public boolean next() { boolean r = row; row = false; return r; }
    public int getInt(String column) { return 1; }
    public String getString(String column) { return System.getProperty("stub.name"); }
}
