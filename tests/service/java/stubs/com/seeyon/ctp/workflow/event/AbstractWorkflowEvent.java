package com.seeyon.ctp.workflow.event;

/** Test stub of the Seeyon base class (only what the adapter uses). */
public abstract class AbstractWorkflowEvent {
    public abstract String getId();
    public abstract String getLabel();
    public WorkflowEventResult onBeforeStart(WorkflowEventData data) { return null; }
    public WorkflowEventResult onBeforeFinishWorkitem(WorkflowEventData data) { return null; }
}
