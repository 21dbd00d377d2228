package weaver.file;

/** Test stub: the bytes of the file named by the system property stub.file. */
public class ImageFileManager {
    public static java.io.InputStream getInputStreamById(int id) throws java.io.IOException {
        return new java.io.FileInputStream(System.getProperty("stub.file"));
    }
}
