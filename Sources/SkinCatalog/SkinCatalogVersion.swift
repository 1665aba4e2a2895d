/// The version of the library and the `skincat` tool.
public enum SkinCatalogVersion {
    /// The semantic version; `skincat --version` prints it.
    public static let current = "0.1.0"
}
