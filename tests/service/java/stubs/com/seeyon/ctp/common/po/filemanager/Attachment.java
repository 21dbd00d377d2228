package com.seeyon.ctp.common.po.filemanager;

/** Test stub. */
public class Attachment {
    private final String filename;
    private final Long fileUrl;
    private final java.util.Date createdate;

    public Attachment(String filename, Long fileUrl, java.util.Date createdate) {
        this.filename = filename; this.fileUrl = fileUrl; this.createdate = createdate;
    }
    public String getFilename() { return filename; }
    public Long getFileUrl() { return fileUrl; }
    public java.util.Date getCreatedate() { return createdate; }
}
