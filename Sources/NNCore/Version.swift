/// nn-tutor's version: the one place it is written. `--version`, the first line of `--help`, the
/// man page and every trace's setup record read it from here.
public enum Version {
    public static let number = "1.0.0"
}
