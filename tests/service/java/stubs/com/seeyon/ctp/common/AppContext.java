package com.seeyon.ctp.common;

/** Test stub: the two managers the adapter asks for. */
public class AppContext {
    public static Object getBean(String name) {
        return switch (name) {
            case "attachmentManager" -> new com.seeyon.ctp.common.filemanager.manager.AttachmentManager();
            case "fileManager" -> new com.seeyon.ctp.common.filemanager.manager.FileManager();
            default -> null;
        };
    }
}
