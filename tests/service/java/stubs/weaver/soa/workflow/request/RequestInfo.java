package weaver.soa.workflow.request;

/** Test stub. */
public class RequestInfo {
    private final weaver.workflow.request.RequestManager manager = new weaver.workflow.request.RequestManager();
    private final MainTableInfo main = new MainTableInfo();

    public weaver.workflow.request.RequestManager getRequestManager() { return manager; }
    public MainTableInfo getMainTableInfo() { return main; }
}
