package weaver.interfaces.workflow.action;

/** Test stub of the e-cology interface (only what the adapter uses). */
public interface Action {
    String SUCCESS = "1";
    String FAILURE_AND_CONTINUE = "0";

    String execute(weaver.soa.workflow.request.RequestInfo request);
}
