/// The version of the library and the `skincat` tool.
public enum SkinCatalogVersion {
    public static let current = "0.1.0"
}
