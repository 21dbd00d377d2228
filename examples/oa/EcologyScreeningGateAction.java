package screening.oa;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import weaver.conn.RecordSet;
import weaver.file.ImageFileManager;
import weaver.interfaces.workflow.action.Action;
import weaver.soa.workflow.request.Property;
import weaver.soa.workflow.request.RequestInfo;

/**
 * 泛微 e-cology 节点附加操作：发布前调用 screen serve 的 POST /v1/gate，只有 allow 为 true 才放行。
 *
 * <p>Vendor interface: {@code weaver.interfaces.workflow.action.Action} —
 * {@code String execute(RequestInfo request)}, returning {@code Action.SUCCESS} ("1") to continue or
 * {@code Action.FAILURE_AND_CONTINUE} ("0") to stop the submission, with the reason set through
 * {@code request.getRequestManager().setMessageid(..)} / {@code setMessagecontent(..)}. Register the
 * class in 集成中心 → 流程流转集成 → 节点附加操作 and attach it to the publishing node as
 * 节点前附加操作 (so a block stops the submit). Custom parameter {@code attachmentField} (属性名/属性值
 * in the registration; e-cology calls the setter) names the main-table field holding the files.
 *
 * <p>Fail closed: no attachment, a deny, a non-200 answer, a timeout or an exception — all block.
 * Connection settings: see {@link ScreeningGateClient#fromSettings()}.
 *
 * <p>Reading the attachments ({@link #attachments}) uses the tables and classes of e-cology 9
 * public integration code (docimagefile, {@code weaver.conn.RecordSet},
 * {@code weaver.file.ImageFileManager}); check them against your installation.
 */
public class EcologyScreeningGateAction implements Action {

    /** One file to publish. */
    public record Attachment(String name, byte[] content) {}

    private String attachmentField = "fj";

    public void setAttachmentField(String attachmentField) {
        this.attachmentField = attachmentField;
    }

    @Override
    public String execute(RequestInfo request) {
        try {
            List<Attachment> files = attachments(request);
            if (files.isEmpty()) {
                return block(request, "未找到要发布的附件（字段 " + attachmentField + "），不得发布");
            }
            ScreeningGateClient gate = ScreeningGateClient.fromSettings();
            for (Attachment file : files) {
                ScreeningGateClient.Decision d = gate.check(file.name(), file.content());
                if (!d.allow()) {
                    return block(request, file.name() + "：" + d.message()
                            + (d.decisionId() == null ? "" : "（决定编号 " + d.decisionId() + "）"));
                }
            }
            return Action.SUCCESS;
        } catch (Exception e) { // fail closed
            return block(request, "无法完成发布前保密审查（" + e.getClass().getSimpleName() + "），不得发布");
        }
    }

    private static String block(RequestInfo request, String message) {
        request.getRequestManager().setMessageid("SCREENING_GATE");
        request.getRequestManager().setMessagecontent(message);
        return Action.FAILURE_AND_CONTINUE;
    }

    /** The files in the attachment field: comma-separated docids → newest image file of each. */
    protected List<Attachment> attachments(RequestInfo request) throws Exception {
        String docIds = "";
        for (Property p : request.getMainTableInfo().getProperty()) {
            if (attachmentField.equalsIgnoreCase(p.getName())) {
                docIds = p.getValue() == null ? "" : p.getValue();
            }
        }
        List<Attachment> out = new ArrayList<>();
        for (String docId : docIds.split(",")) {
            if (docId.isBlank()) continue;
            RecordSet rs = new RecordSet();
            rs.executeQuery("select imagefileid, imagefilename from docimagefile where docid = ? "
                    + "order by versionid desc", docId.trim());
            if (!rs.next()) {
                throw new IllegalStateException("附件 " + docId + " 不存在");
            }
            try (InputStream in = ImageFileManager.getInputStreamById(rs.getInt("imagefileid"))) {
                out.add(new Attachment(rs.getString("imagefilename"), in.readAllBytes()));
            }
        }
        return out;
    }
}
