package com.seeyon.ctp.common.filemanager.manager;

/** Test stub: the file named by the system property stub.file. */
public class FileManager {
    public java.io.File getFile(Long fileUrl, java.util.Date createDate) {
        return new java.io.File(System.getProperty("stub.file"));
    }
}
