extension Double {
    /// `1000`, `0.15`: a number as a person writes it, without a trailing `.0`.
    public var plainText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
