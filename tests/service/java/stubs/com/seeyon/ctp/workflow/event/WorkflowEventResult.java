package com.seeyon.ctp.workflow.event;

/** Test stub. */
public class WorkflowEventResult {
    private final String alertMessage;

    public WorkflowEventResult(String alertMessage) { this.alertMessage = alertMessage; }
    public String getAlertMessage() { return alertMessage; }
}
