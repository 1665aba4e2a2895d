import ArgumentParser
import SkinCatalog

/// A command that works on the catalog: the one error path of the command line.
///
/// A conformer declares its `--db` option group, whether it writes (``access``), the query text a query error is
/// shown against (``queryText``), and its work as ``run(on:)``. The shared ``run()`` opens the catalog and calls it;
/// every library error on the way (a ``QueryError``, a ``CatalogError``, an output file's ``OutputFile/Failure``),
/// from opening the catalog to the last line written, is printed on stderr by ``Terminal/reporting(query:_:)``
/// and becomes exit code 1. So no command maps a library error itself: its `run(on:)` just throws.
///
/// ```swift
/// struct SourcesCommand: CatalogCommand {
///     @OptionGroup var catalog: CatalogOptions
///     @OptionGroup var output: OutputOptions
///
///     func run(on catalog: Catalog) throws { try output.write(try catalog.sources()) }
/// }
/// ```
///
/// What the user typed is checked before the catalog opens (``checkBeforeOpening()``), so a mistyped query or an
/// unwritable output file is reported first and a command that writes leaves the catalog untouched.
protocol CatalogCommand: ParsableCommand {
    /// `--db`: where the catalog is.
    var catalog: CatalogOptions { get }

    /// How the catalog is opened: `.readOnly` (the default; a missing catalog is an error) or `.readWrite` for the
    /// commands that change it (a missing catalog is created).
    static var access: Catalog.Access { get }

    /// How many seconds a command that writes waits for another process's write (60 by default).
    static var lockTimeout: Double { get }

    /// The query the user typed, if any: a ``QueryError`` is shown against it with a caret under the column.
    var queryText: String? { get }

    /// The checks of the command's own input that must come before the catalog opens; none by default.
    func checkBeforeOpening() throws

    /// The command's work on the open catalog. Library errors are thrown, not reported: ``run()`` reports them.
    func run(on catalog: Catalog) throws
}

extension CatalogCommand {
    static var access: Catalog.Access { .readOnly }
    static var lockTimeout: Double { 60 }
    var queryText: String? { nil }
    func checkBeforeOpening() throws {}

    /// Checks the input, opens the catalog with ``access`` and runs ``run(on:)``; every library error is reported
    /// in one place, ``Terminal/reporting(query:_:)``, with exit code 1. Other errors (an `ExitCode`, a
    /// `ValidationError`) pass through to argument-parser.
    func run() throws {
        try Terminal.reporting(query: queryText) {
            try checkBeforeOpening()
            try run(on: try catalog.open(Self.access, lockTimeout: Self.lockTimeout))
        }
    }
}
