package com.seeyon.ctp.workflow.event;

/** Test stub. */
public class WorkflowEventData {
    private final Long summaryId;

    public WorkflowEventData(Long summaryId) { this.summaryId = summaryId; }
    public Long getSummaryId() { return summaryId; }
}
