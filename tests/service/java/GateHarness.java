import com.seeyon.ctp.workflow.event.WorkflowEventData;
import com.seeyon.ctp.workflow.event.WorkflowEventResult;
import screening.oa.EcologyScreeningGateAction;
import screening.oa.SeeyonScreeningGateEvent;
import weaver.soa.workflow.request.Property;
import weaver.soa.workflow.request.RequestInfo;

/** Runs both adapters once (settings and the stub file from system properties); one line each. */
public class GateHarness {
    public static void main(String[] args) {
        RequestInfo request = new RequestInfo();
        request.getMainTableInfo().setProperty(new Property[] {new Property("fj", "101")});
        String r = new EcologyScreeningGateAction().execute(request);
        System.out.println("ecology\t" + r + "\t" + request.getRequestManager().getMessagecontent());
        WorkflowEventResult s = new SeeyonScreeningGateEvent().onBeforeFinishWorkitem(new WorkflowEventData(7L));
        System.out.println("seeyon\t" + (s == null ? "PASS" : "BLOCK\t" + s.getAlertMessage()));
    }
}
