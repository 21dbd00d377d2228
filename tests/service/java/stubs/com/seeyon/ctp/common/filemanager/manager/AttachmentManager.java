package com.seeyon.ctp.common.filemanager.manager;

import com.seeyon.ctp.common.po.filemanager.Attachment;

/** Test stub: one attachment, named by the system property stub.name. */
public class AttachmentManager {
    public java.util.List<Attachment> getByReference(Long reference) {
        return java.util.List.of(new Attachment(System.getProperty("stub.name"), 1L, new java.util.Date()));
    }
}
