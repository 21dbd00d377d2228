package weaver.workflow.request;

/** Test stub. */
public class RequestManager {
    private String messageid = "";
    private String messagecontent = "";

    public void setMessageid(String id) { messageid = id; }
    public void setMessagecontent(String content) { messagecontent = content; }
    public String getMessageid() { return messageid; }
    public String getMessagecontent() { return messagecontent; }
}
