package screening.oa;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import com.seeyon.ctp.common.AppContext;
import com.seeyon.ctp.common.filemanager.manager.AttachmentManager;
import com.seeyon.ctp.common.filemanager.manager.FileManager;
import com.seeyon.ctp.common.po.filemanager.Attachment;
import com.seeyon.ctp.workflow.event.AbstractWorkflowEvent;
import com.seeyon.ctp.workflow.event.WorkflowEventData;
import com.seeyon.ctp.workflow.event.WorkflowEventResult;

/**
 * 致远 Seeyon A8/V5 流程事件：处理（提交）前调用 screen serve 的 POST /v1/gate，只有 allow 为 true 才放行。
 *
 * <p>Vendor interface: {@code com.seeyon.ctp.workflow.event.AbstractWorkflowEvent}, registered as
 * a Spring bean of the plug-in and chosen on the workflow node (流程事件 / 动作前事件). A
 * {@code onBefore…} method that returns {@code new WorkflowEventResult("提示信息")} blocks the action
 * and shows the message; returning {@code null} lets it continue.
 *
 * <p>Fail closed: no attachment, a deny, a non-200 answer, a timeout or an exception — all block.
 * Connection settings: see {@link ScreeningGateClient#fromSettings()}.
 *
 * <p>Reading the attachments ({@link #attachments}) uses the beans of public Seeyon plug-in code
 * ({@code attachmentManager.getByReference(summaryId)}, {@code fileManager.getFile(fileUrl,
 * createDate)}); check them against your version.
 */
public class SeeyonScreeningGateEvent extends AbstractWorkflowEvent {

    /** One file to publish. */
    public record Upload(String name, byte[] content) {}

    @Override
    public String getId() {
        return "screening_gate";
    }

    @Override
    public String getLabel() {
        return "发布前保密审查（screening）";
    }

    @Override
    public WorkflowEventResult onBeforeFinishWorkitem(WorkflowEventData data) {
        return gate(data);
    }

    @Override
    public WorkflowEventResult onBeforeStart(WorkflowEventData data) {
        return gate(data);
    }

    private WorkflowEventResult gate(WorkflowEventData data) {
        try {
            List<Upload> files = attachments(data);
            if (files.isEmpty()) {
                return new WorkflowEventResult("未找到要发布的附件，不得发布");
            }
            ScreeningGateClient gate = ScreeningGateClient.fromSettings();
            for (Upload file : files) {
                ScreeningGateClient.Decision d = gate.check(file.name(), file.content());
                if (!d.allow()) {
                    return new WorkflowEventResult(file.name() + "：" + d.message()
                            + (d.decisionId() == null ? "" : "（决定编号 " + d.decisionId() + "）"));
                }
            }
            return null; // allowed: the workflow continues
        } catch (Exception e) { // fail closed
            return new WorkflowEventResult("无法完成发布前保密审查（" + e.getClass().getSimpleName()
                    + "），不得发布");
        }
    }

    /** The attachments of the form (the summary) this workflow item belongs to. */
    protected List<Upload> attachments(WorkflowEventData data) throws Exception {
        AttachmentManager attachments = (AttachmentManager) AppContext.getBean("attachmentManager");
        FileManager files = (FileManager) AppContext.getBean("fileManager");
        List<Upload> out = new ArrayList<>();
        for (Attachment a : attachments.getByReference(data.getSummaryId())) {
            File f = files.getFile(a.getFileUrl(), a.getCreatedate());
            out.add(new Upload(a.getFilename(), Files.readAllBytes(f.toPath())));
        }
        return out;
    }
}
