package org.peft4j.runtime.device;

/** DJL's PyTorch engine cannot start; the message says what is missing and what to do. */
public class NativeLibraryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and what to do
     * @param cause DJL's failure
     */
    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
