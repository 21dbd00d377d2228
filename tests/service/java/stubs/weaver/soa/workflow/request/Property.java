package weaver.soa.workflow.request;

/** Test stub. */
public class Property {
    private String name;
    private String value;

    public Property(String name, String value) { this.name = name; this.value = value; }
    public String getName() { return name; }
    public String getValue() { return value; }
}
