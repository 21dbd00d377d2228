package weaver.soa.workflow.request;

/** Test stub. */
public class MainTableInfo {
    private Property[] properties = new Property[0];

    public Property[] getProperty() { return properties; }
    public void setProperty(Property[] properties) { this.properties = properties; }
}
