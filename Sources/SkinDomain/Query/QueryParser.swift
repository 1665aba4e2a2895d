/// Reads the query language into a ``QueryExpression``. Pure: no database; names are resolved by the compiler.
///
/// Keywords, units, packaging and delivery words are case-insensitive; phrases and text values keep their case.
/// Columns in errors count `Character`s from 1.
///
/// ```ebnf
/// query          = [ filler ] , or-expr ;
/// filler         = [ "find" | "show" [ "me" ] | "list" | "search" [ "for" ] | "get" | "which" | "what" ] ,
///                  [ "all" ] , [ "products" | "product" | "items" ] ,
///                  [ ( "that" | "which" | "where" | "whose" ) , [ "contain" | "contains" | "have" | "has"
///                    | "are" | "is" ] ] ;                               (* at least one word *)
/// or-expr        = and-expr , { "or" , and-expr } ;                    (* left-associative *)
/// and-expr       = unary , { "and" , unary | without | shorthand } ;  (* "A without B" = "A and not B" *)
/// unary          = "not" , unary | without | primary ;
/// shorthand      = ( "under" | "over" ) , ( price | number )         (* = price < / > ...; also after a term *)
///                | ( "below" | "above" ) , price                     (* with a sign or a common code only *)
///                | free-word ;                                       (* "fragrance-free" = not fragrance *)
/// free-word      = word ending in "-free" ;
/// without        = "without" , primary ;                              (* = not primary *)
/// primary        = [ presence ] , term ;                              (* presence changes nothing *)
/// presence       = "contains" | "contain" | "containing" | "with" | "has" | "have" | "having"
///                | "including" | "includes" | "in" ;
/// term           = "(" , or-expr , ")"
///                | shorthand | comparator , price                     (* "< €25" = price < 25 EUR *)
///                | text-test | number-test | packaging-test | delivery-test | sold-by | finding-test
///                | subject , comparator , ( amount | "undisclosed" )  (* amount; "= undisclosed" *)
///                | words , "position" , comparator , whole-number    (* list position, from 1 *)
///                | words , "in" , [ "the" ] , "top" , whole-number  (* = position <= N *)
///                | words , ( "above" | "before" | "below" | "after" ) , [ "the" ] , "1" , ( "%" | "percent" ) ,
///                  "line"                                             (* the 1 % line of list order *)
///                | phrase ;                                           (* see "bare phrases" below *)
/// subject        = string | words , [ "amount" ] ;
/// text-test      = ( "sku" | "brand" | "name" | "category" | "currency" ) ,
///                  ( "=" | "==" | "!=" | "≠" | "contains" ) , ( string | words ) ;
/// number-test    = "price" , comparator , price
///                | "size" , comparator , number , [ "ml" | "g" ] ;   (* unit glued or spaced *)
/// price          = sign , number | number , [ sign | code ] ;        (* glued or spaced: $30, 30 usd, 25€ *)
/// sign           = "$" | "€" | "£" | "¥" | "₩" ;                      (* USD, EUR, GBP, JPY, KRW *)
/// code           = letter , letter , letter ;                        (* ISO 4217, any case: usd, EUR *)
/// sold-by        = "sold" , "by" , ( string | word ) ;               (* a source, case-insensitive *)
/// finding-test   = "audit" , ( "=" | "==" | "!=" | "≠" ) , kind      (* the label audit finds that kind *)
///                | ( "finding" | "findings" ) , kind ;               (* "has finding X": has is presence *)
/// kind           = string | word ;   (* headline-trace, claim-vs-label, ..., same-formula; any case *)
/// packaging-test = ( "packaging" | "packaged" | "package" ) , ( "=" | "==" | "!=" | "≠" ) ,
///                  ( string | packaging-word , { packaging-word } ) ;
/// delivery-test  = "delivery" , ( "=" | "==" | "!=" | "≠" ) , ( string | [ basis ] , system ) ;
/// basis          = "declared" | "inferred" ;
/// system         = "liposomal" | "liposome" | "liposomes" | "ferment filtrate" | "ferment-filtrate"
///                | "fermented" | "peptide carrier" | "peptide-carrier" ;
/// packaging-word = "airless" | "opaque" | "light-protective" | "single-use" | "jar" | "clear" | "pump"
///                | "dropper" | "tube" | "screw-cap" ;   (* also "single use", "screw top", "jars", ... *)
/// amount         = number , unit ;                                   (* glued or spaced: 1000ppm, 0,1 % *)
/// unit           = "ppm" | "%" | "percent" | "mg/g" | "ug/g" | "µg/g" | "mcg/g" | "mg/kg" | "mg/mL" ;
/// number         = digit , { digit | "," | "." } ;          (* 1,000 is a thousand; 0,4 is 0.4; .5 is 0.5 *)
/// comparator     = ">=" | "≥" | ">" | "<=" | "≤" | "<" | "=" | "==" | "!=" | "≠" ;
/// phrase         = string | words ;
/// words          = word , { word } ;   (* up to a comparator, "and", "or", "not", "without", a parenthesis,
///                                         a quoted string or the end; joined by one space *)
/// string         = "'" , { character | "''" } , "'" | '"' , { character | '""' } , '"'
///                | "“" , { character } , "”" | "‘" , { character } , "’" ;  (* only at the start of a token *)
/// ```
///
/// Bare phrases (not followed by a comparator) mean, in this order:
/// - `NMN undisclosed`, `NMN amount undisclosed`, `undisclosed NMN`, `undisclosed amount of NMN`: listed with no
///   known amount;
/// - `liposomal delivery`, `declared ferment filtrate delivery`: a delivery system (so does bare `liposomal`);
/// - `airless packaging`, `packaging airless`, `packaged in clear jars`, or only packaging words (`airless`,
///   `clear jar`): packaging attributes, all of which must hold;
/// - anything else (`peptides`, `NAD+ precursors`, `1,2-hexanediol`): the ingredient or class is present.
///
/// `price` compares the cheapest offer a source still lists, in the currency written with the number or, without
/// one, in the product's own currency. `sold by` names a source (the store checks that it exists).
///
/// A quoted phrase is always an ingredient name (`contains "airless"`). `NMN != undisclosed` means "NMN is listed
/// with a known amount" (`contains NMN and not NMN undisclosed`).
///
/// Not part of the language, rejected with a hint: `!`, `&&`, `||` (write `not`, `and`, `or`), `<>`, `=>`, `=<`,
/// an amount without a comparator (`NMN 1000 ppm`), an amount without a unit (`NMN >= 1000`), a negative amount,
/// more than 100 %, and a number written with spaces (`1 000`).
///
/// Limits: at most ``maximumDepth`` nested parentheses and `not`s, at most ``maximumConditions`` conditions.
public enum QueryParser {
    /// How deeply parentheses and `not`s may nest. Set by what SQLite's parser accepts (its stack holds 100
    /// entries) for the most expensive shape, `not (A or not (B or ...))`: it overflowed at 16 such levels (depth 32)
    /// inside the query's SELECT, so 24 (12 levels) leaves a margin. `QueryTests` runs every shape at this depth.
    public static let maximumDepth = 24
    /// How many conditions one query may have (SQLite limits the depth of an expression to 1,000).
    public static let maximumConditions = 256

    /// Parses a query.
    ///
    /// ```swift
    /// try QueryParser.parse("products with NMN ≥1000 PPM and airless packaging").description
    /// // "NMN >= 1000 ppm and packaging = airless"
    /// ```
    ///
    /// - Parameter text: the query as the user wrote it.
    /// - Throws: ``QueryError`` naming the offending text and its column, with a suggestion where one is near.
    public static func parse(_ text: String) throws(QueryError) -> QueryExpression {
        var parser = Parser(tokens: try QueryLexer.tokens(in: text))
        return try parser.parseQuery()
    }
}

/// The recursive-descent parser over the tokens of one query (or of one flag's value).
struct Parser {
    let tokens: [QueryToken]
    private(set) var position = 0
    private var depth = 0
    private var openParentheses = 0
    private var conditions = 0

    init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    var current: QueryToken { tokens[position] }
    private var previous: QueryToken? { position > 0 ? tokens[position - 1] : nil }
    private func peek(_ offset: Int = 1) -> QueryToken { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> QueryToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// The current token if it is a word that can be part of a phrase (not an operator), else nil.
    private var phraseWord: QueryToken? {
        guard let word = current.lowercasedWord, !QueryVocabulary.operators.contains(word) else { return nil }
        return current
    }

    // MARK: Expressions

    mutating func parseQuery() throws(QueryError) -> QueryExpression {
        if current.isEnd { throw QueryError(message: "the query is empty", span: current.span) }
        skipFiller()
        let expression = try parseOr()
        guard current.isEnd else {
            if current.kind == .closeParenthesis {
                throw QueryError(message: "unmatched \")\"", span: current.span)
            }
            throw misplaced(current)
        }
        return expression
    }

    private mutating func skipFiller() {
        if let word = current.lowercasedWord, let second = QueryVocabulary.fillerLeads[word] {
            advance()
            if let second, current.lowercasedWord == second { advance() }
        }
        if current.lowercasedWord == "all" { advance() }
        if let word = current.lowercasedWord, QueryVocabulary.fillerNouns.contains(word) { advance() }
        if let word = current.lowercasedWord, QueryVocabulary.fillerRelatives.contains(word) {
            advance()
            if let verb = current.lowercasedWord, QueryVocabulary.fillerVerbs.contains(verb) { advance() }
        }
    }

    private mutating func parseOr() throws(QueryError) -> QueryExpression {
        var left = try parseAnd()
        while current.lowercasedWord == "or" {
            advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(QueryError) -> QueryExpression {
        var left = try parseUnary()
        while true {
            if current.lowercasedWord == "and" {
                advance()
            } else if current.lowercasedWord != "without" && !opensImplicitCondition {
                return left
            }
            left = .and(left, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(QueryError) -> QueryExpression {
        var negations = 0
        defer { depth -= negations }
        while current.lowercasedWord == "not" {
            try enterNesting(at: current)
            negations += 1
            advance()
        }
        var expression: QueryExpression
        if current.lowercasedWord == "without" {
            try enterNesting(at: current)
            negations += 1
            advance()
            try rejectOperator()
            expression = try parsePrimary()
        } else {
            expression = try parsePrimary()
        }
        for _ in 0..<negations { expression = .not(expression) }
        return expression
    }

    private mutating func parsePrimary() throws(QueryError) -> QueryExpression {
        if let word = current.lowercasedWord, QueryVocabulary.presence.contains(word) {
            let presence = advance()
            try rejectOperator()
            if let next = current.lowercasedWord, QueryVocabulary.presence.contains(next) {
                throw QueryError(
                    message:
                        "expected a condition after \(presence.quotedForMessage), found \(current.quotedForMessage)",
                    span: current.span)
            }
        }
        return try parseTerm()
    }

    private mutating func parseTerm() throws(QueryError) -> QueryExpression {
        if current.kind == .openParenthesis {
            let open = advance()
            try enterNesting(at: open)
            openParentheses += 1
            let inner = try parseOr()
            guard current.kind == .closeParenthesis else {
                if current.isEnd { throw QueryError(message: "unmatched \"(\"", span: open.span) }
                throw misplaced(current)
            }
            advance()
            openParentheses -= 1
            depth -= 1
            return inner
        }
        conditions += 1
        if conditions > QueryParser.maximumConditions {
            throw QueryError(
                message: "the query has more than \(QueryParser.maximumConditions) conditions", span: current.span)
        }
        switch current.kind {
        case .quoted(let quoted):
            let token = advance()
            let text = String(quoted.trimmingWhitespace())
            guard !text.isEmpty else {
                throw QueryError(message: "empty ingredient name \(token.quotedForMessage)", span: token.span)
            }
            return try subjectTerm(Phrase(text: text, span: token.span))
        case .word:
            guard let word = phraseWord?.lowercasedWord else { throw expectedCondition() }
            if let field = TextField(rawValue: word) { return try textTest(field) }
            if word == "price" { return try priceTest() }
            if word == "size" { return try sizeTest() }
            if word == "sold", peek().lowercasedWord == "by" { return try soldByTest() }
            if word == "audit", peek().comparison != nil { return try auditTest() }
            if word == "finding" || word == "findings", Self.startsValue(peek()) {
                let keyword = advance()
                let (kind, value) = try findingKind(after: keyword)
                return .finding(kind, span: keyword.span.through(value.span))
            }
            if QueryVocabulary.packagingKeywords.contains(word), peek().comparison != nil {
                return try packagingTest()
            }
            if word == "delivery" { return try deliveryTest() }
            if opensImplicitCondition {
                if Self.freeFromStem(word) != nil {
                    // `fragrance-free` = `not contains fragrance`, with the name in the case it was written.
                    let token = advance()
                    return .not(.contains(Phrase(text: String(token.written.dropLast(5)), span: token.span)))
                }
                return try priceShorthand()
            }
            var words: [QueryToken] = []
            while let word = phraseWord, words.isEmpty || !opensImplicitCondition {
                words.append(word)
                advance()
            }
            return try phraseTerm(words)
        case .comparator:
            if looksLikePrice(at: 1, bareNumber: false) { return try bareComparatorPrice() }
            throw QueryError(
                message: "expected an ingredient or a field before \(current.quotedForMessage)", span: current.span)
        case .openParenthesis, .closeParenthesis, .end:
            throw expectedCondition()
        }
    }

    // MARK: Ingredient phrases

    /// A bare phrase: a comparison when a comparator follows, else undisclosed, delivery, packaging or presence.
    private mutating func phraseTerm(_ words: [QueryToken]) throws(QueryError) -> QueryExpression {
        let lowered = words.map { $0.lowercasedWord ?? "" }
        try rejectSoldBy(in: words, lowered)
        if current.comparison != nil {
            var subject = words
            if subject.count > 1, lowered.last == "position" {
                subject.removeLast()
                return try positionTerm(phrase(subject))
            }
            if subject.count > 1, lowered.last == "amount" { subject.removeLast() }
            do {
                return try subjectTerm(phrase(subject))
            } catch {
                throw Self.misspeltField(subject, else: error)
            }
        }
        if let line = try onePercentLineTerm(words, lowered) { return line }
        if let top = try topTerm(words, lowered) { return top }
        try rejectAmountWithoutComparator(words)
        if lowered.last == "undisclosed" || lowered.first == "undisclosed" {
            return try undisclosedPhrase(words)
        }
        if lowered.last == "delivery", words.count > 1 {
            return try deliveryPhrase(Array(words.dropLast()), keyword: words[words.count - 1])
        }
        if lowered.count == 1, QueryVocabulary.bareDeliveryWords.contains(lowered[0]) {
            return .delivery(.liposomal, nil, span: words[0].span)
        }
        if let first = lowered.first, let last = lowered.last,
            QueryVocabulary.packagingKeywords.contains(first) || QueryVocabulary.packagingKeywords.contains(last)
        {
            return try packagingPhrase(words)
        }
        if let packaging = Self.packaging(of: words) {
            return .packaging(packaging, span: spanOf(words))
        }
        return .contains(phrase(words))
    }

    /// The fields a comparison may name, for a did-you-mean when an ingredient comparison fails.
    static let fieldNames = ["price", "size", "packaging", "delivery", "brand", "name", "category", "currency", "sku"]

    /// `pakaging = airless`, `prise < 30`: a one-word subject whose comparison failed as an ingredient's, and
    /// which is one or two letters from a field, is that field misspelt; otherwise the ingredient error stands.
    private static func misspeltField(_ subject: [QueryToken], else error: QueryError) -> QueryError {
        guard subject.count == 1, let word = subject[0].lowercasedWord, word.count >= 4,
            let field = Suggestion.nearest(to: word, in: fieldNames), field != word
        else { return error }
        return QueryError(
            message: "unknown field \(subject[0].quotedForMessage)", span: subject[0].span, suggestion: field)
    }

    /// After a subject (phrase or quoted name): a comparator, then an amount or `undisclosed`; or nothing (presence).
    private mutating func subjectTerm(_ subject: Phrase) throws(QueryError) -> QueryExpression {
        guard let comparison = current.comparison else { return .contains(subject) }
        let comparator = advance()
        if current.lowercasedWord == "undisclosed" {
            advance()
            switch comparison {
            case .equal: return .undisclosed(subject)
            case .notEqual: return .and(.contains(subject), .not(.undisclosed(subject)))
            default:
                throw QueryError(
                    message: "\"undisclosed\" can only be compared with = or !=, not \(comparator.quotedForMessage)",
                    span: comparator.span)
            }
        }
        let (amount, valueSpan) = try amountValue(after: comparator)
        return .amount(subject, comparison, amount, valueSpan: valueSpan)
    }

    /// `niacinamide position <= 3`: after `position` and a comparator, a whole number from 1.
    private mutating func positionTerm(_ subject: Phrase) throws(QueryError) -> QueryExpression {
        let comparator = advance()
        guard let comparison = comparator.comparison else { throw expected("a comparator", after: comparator) }
        guard let token = phraseWord, let value = Int(token.written), value >= 1 else {
            let found = current.isEnd ? "" : ", found \(current.quotedForMessage)"
            throw QueryError(
                message: "expected a list position such as 3 after \(comparator.quotedForMessage)\(found)",
                span: current.span)
        }
        advance()
        return .position(subject, comparison, value, valueSpan: token.span)
    }

    /// `niacinamide above the 1% line`, `before the 1 % line`, `below` / `after the 1% line`; nil for other words.
    private func onePercentLineTerm(_ words: [QueryToken], _ lowered: [String]) throws(QueryError) -> QueryExpression? {
        guard lowered.last == "line", words.count >= 3 else { return nil }
        for index in 1..<words.count where QueryVocabulary.lineSides.keys.contains(lowered[index]) {
            var rest = Array(lowered[(index + 1)..<(lowered.count - 1)])
            if rest.first == "the" { rest.removeFirst() }
            let amount = rest.joined()
            guard amount.hasSuffix("%") || amount.hasSuffix("percent") else { continue }
            let restSpan = spanOf(Array(words[(index + 1)...]))
            guard amount == "1%" || amount == "1percent" || amount == "1.0%" else {
                throw QueryError(
                    message: "only the 1 % line is known from list order; write "
                        + QueryLexer.quote(
                            "\(words[..<index].map(\.written).joined(separator: " ")) \(lowered[index]) the 1% line"),
                    span: restSpan)
            }
            return .onePercentLine(
                phrase(Array(words[..<index])), above: QueryVocabulary.lineSides[lowered[index]] ?? true,
                span: spanOf(Array(words[index...])))
        }
        return nil
    }

    /// `niacinamide in the top 5`, `niacinamide in top 5`: position <= 5; nil for other words.
    private func topTerm(_ words: [QueryToken], _ lowered: [String]) throws(QueryError) -> QueryExpression? {
        guard let top = lowered.lastIndex(of: "top"), top >= 1, top + 1 >= lowered.count - 1 else { return nil }
        var start = top
        if lowered[start - 1] == "the" { start -= 1 }
        guard start >= 1, lowered[start - 1] == "in" else { return nil }
        let subject = Array(words[..<(start - 1)])
        guard !subject.isEmpty else { return nil }
        guard top + 1 < words.count, let value = Int(words[top + 1].written), value >= 1 else {
            let at = top + 1 < words.count ? words[top + 1].span : words[top].span
            throw QueryError(
                message: "expected a number of ingredients after \"top\", as in \"niacinamide in the top 5\"",
                span: at)
        }
        return .position(phrase(subject), .lessOrEqual, value, valueSpan: words[top + 1].span)
    }

    private mutating func undisclosedPhrase(_ words: [QueryToken]) throws(QueryError) -> QueryExpression {
        var subject = words
        let keyword: QueryToken
        if subject.last?.lowercasedWord == "undisclosed" {
            keyword = subject.removeLast()
            if subject.last?.lowercasedWord == "amount" { subject.removeLast() }
        } else {
            keyword = subject.removeFirst()
            if subject.first?.lowercasedWord == "amount" {
                subject.removeFirst()
                if subject.first?.lowercasedWord == "of" { subject.removeFirst() }
            }
        }
        guard !subject.isEmpty else {
            throw QueryError(
                message: "\"undisclosed\" needs an ingredient, as in \"NMN undisclosed\"", span: keyword.span)
        }
        return .undisclosed(phrase(subject))
    }

    /// `niacinamide sold by sephora` is two conditions without their `and`, not an ingredient named so.
    private func rejectSoldBy(in words: [QueryToken], _ lowered: [String]) throws(QueryError) {
        guard words.count > 2 else { return }
        for index in 1..<(words.count - 1) where lowered[index] == "sold" && lowered[index + 1] == "by" {
            throw QueryError(
                message: "expected \"and\" or \"or\" before \"sold by\"",
                span: words[index].span.through(words[index + 1].span), suggestion: "and sold by")
        }
    }

    /// `NMN 1000 ppm` lacks its comparator: say so rather than look for an ingredient named `NMN 1000 ppm`.
    private func rejectAmountWithoutComparator(_ words: [QueryToken]) throws(QueryError) {
        for (index, word) in words.enumerated() {
            let scan = NumberScan(word.written)
            guard scan.hasDigits, !scan.negative, AmountText.parseNumber(scan.number) != nil else { continue }
            var amountWords = [word]
            if scan.rest.isEmpty {
                guard index + 1 < words.count else { continue }
                amountWords.append(words[index + 1])
            }
            let unit = scan.rest.isEmpty ? amountWords[1].written : String(scan.rest)
            guard AmountUnit(label: unit) != nil else { continue }
            let amountText = amountWords.map(\.written).joined(separator: " ")
            let before = words[..<index].map(\.written).joined(separator: " ")
            let message =
                before.isEmpty
                ? "expected an ingredient and a comparator before \(QueryLexer.quote(amountText)), as in \"NMN >= 1000 ppm\""
                : "expected a comparator before \(QueryLexer.quote(amountText)), as in "
                    + QueryLexer.quote("\(before) >= \(amountText)")
            throw QueryError(message: message, span: spanOf(amountWords))
        }
    }

    /// An amount after a comparator: `1000 ppm`, `1000ppm`, `0,1 %`, `10 mg/g`.
    mutating func amountValue(after comparator: QueryToken) throws(QueryError) -> (Amount, QuerySpan) {
        guard let token = phraseWord else {
            let found = current.isEnd ? "" : ", found \(current.quotedForMessage)"
            throw QueryError(
                message: "expected an amount such as 1000 ppm after \(comparator.quotedForMessage)\(found)",
                span: current.span)
        }
        let scan = NumberScan(token.written)
        guard scan.hasDigits else {
            throw QueryError(
                message: "expected an amount such as 1000 ppm after \(comparator.quotedForMessage), found "
                    + token.quotedForMessage,
                span: token.span)
        }
        let value = try Self.number(scan, column: token.span.column)
        advance()
        guard let (unitText, unitSpan, spaced) = try unit(after: token, scan) else {
            throw QueryError(
                message: "amount \(token.quotedForMessage) needs a unit \(QueryVocabulary.unitHint)", span: token.span)
        }
        let written = spaced ? token.written + " " + unitText : token.written
        guard let unit = AmountUnit(label: unitText) else {
            throw QueryError(
                message: "unknown unit \(QueryLexer.quote(unitText)) \(QueryVocabulary.unitHint)", span: unitSpan,
                suggestion: Suggestion.nearest(to: unitText, in: QueryVocabulary.unitNames))
        }
        let valueSpan = token.span.through(unitSpan)
        if scan.negative && value > 0 {
            throw QueryError(message: "negative amount \(QueryLexer.quote(written))", span: valueSpan)
        }
        let ppm = value * unit.ppmFactor
        guard ppm <= 1_000_000 else {
            throw QueryError(
                message: "impossible amount \(QueryLexer.quote(written)) (more than 100 %)", span: valueSpan)
        }
        return (Amount(ppm: ppm, isApproximate: unit.isApproximate), valueSpan)
    }

    /// The number a scanned word starts with (its sign and number at `column`); one that does not read (`1.2.3`)
    /// is an error there.
    private static func number(_ scan: NumberScan, column: Int) throws(QueryError) -> Double {
        guard let value = AmountText.parseNumber(scan.number), value.isFinite else {
            throw QueryError(
                message: "\(QueryLexer.quote(scan.number)) is not a number",
                span: QuerySpan(column: column, length: scan.numberLength))
        }
        return value
    }

    /// The unit after the number `token` starts with: glued to it (`30ml`), or the next word (`30 ml`, then read
    /// past, and `spaced`); nil when there is neither.
    private mutating func unit(after token: QueryToken, _ scan: NumberScan) throws(QueryError) -> (
        text: String, span: QuerySpan, spaced: Bool
    )? {
        if !scan.rest.isEmpty {
            let span = QuerySpan(column: token.span.column + scan.numberLength, length: scan.rest.count)
            return (String(scan.rest), span, false)
        }
        guard let unitToken = phraseWord else { return nil }
        try rejectSpacedNumber(token, unitToken)
        advance()
        return (unitToken.written, unitToken.span, true)
    }

    /// `1 000 ppm`: a number with a space in it, not a number and a unit called `000`.
    private func rejectSpacedNumber(_ number: QueryToken, _ next: QueryToken) throws(QueryError) {
        guard next.written.first?.isASCIIDigit == true else { return }
        throw QueryError(
            message:
                "\(QueryLexer.quote(number.written + " " + next.written)) is not a number (write it without spaces)",
            span: number.span.through(next.span))
    }

    // MARK: Product fields

    private mutating func textTest(_ field: TextField) throws(QueryError) -> QueryExpression {
        let fieldToken = advance()
        let match: TextMatch
        if let comparison = current.comparison {
            switch comparison {
            case .equal: match = .equals
            case .notEqual: match = .notEquals
            default:
                throw QueryError(
                    message: "\(fieldToken.quotedForMessage) can only be compared with =, != or contains, not "
                        + current.quotedForMessage,
                    span: current.span)
            }
        } else if let word = current.lowercasedWord, QueryVocabulary.containsMatch.contains(word) {
            match = .contains
        } else {
            throw expected("\"=\", \"!=\" or \"contains\"", after: fieldToken)
        }
        let operation = advance()
        let value: String
        let last: QueryToken
        if case .quoted(let text) = current.kind {
            value = text
            last = advance()
        } else if phraseWord != nil {
            var words: [QueryToken] = []
            while let word = phraseWord { words.append(word); advance() }
            value = words.map(\.written).joined(separator: " ")
            last = words[words.count - 1]
        } else {
            throw expected("a value for \(fieldToken.quotedForMessage)", after: operation)
        }
        return .text(field, match, value, span: fieldToken.span.through(last.span))
    }

    /// `price <= 40`, `price < $30`, `price < $ 30`, `price <= 30 USD`, `price <= 30eur`, `price <= €25`,
    /// `price < 25 €`.
    private mutating func priceTest() throws(QueryError) -> QueryExpression {
        let fieldToken = advance()
        guard let comparison = current.comparison else {
            throw expected("a comparator such as \"<= 40\"", after: fieldToken)
        }
        let comparator = advance()
        let (value, currency, last) = try priceValue(after: comparator)
        return .price(comparison, value, currency: currency, span: fieldToken.span.through(last))
    }

    /// `under $30`, `under 30 USD`, `below €25`, `over 50`, `above £20`: the price shorthands shoppers type, for
    /// `price < ...` and `price > ...`. `below` and `above` need a currency, since `NMN below the 1 % line` is
    /// another condition; `under` and `over` compare in the product's own currency without one.
    private mutating func priceShorthand() throws(QueryError) -> QueryExpression {
        let keyword = advance()
        let comparison: Comparison =
            ["under", "below"].contains(keyword.lowercasedWord ?? "") ? .lessThan : .greaterThan
        let (value, currency, last) = try priceValue(after: keyword)
        return .price(comparison, value, currency: currency, span: keyword.span.through(last))
    }

    /// `< €25`, `<= $30`: a comparator with a price that names its currency, for `price < ...`.
    private mutating func bareComparatorPrice() throws(QueryError) -> QueryExpression {
        let comparator = advance()
        guard let comparison = comparator.comparison else { throw expected("a comparator", after: comparator) }
        let (value, currency, last) = try priceValue(after: comparator)
        return .price(comparison, value, currency: currency, span: comparator.span.through(last))
    }

    /// Whether the tokens from `offset` on read as a price: a currency sign (`$30`, `$ 30`, `30€`) or code
    /// (`30 USD`, `30usd`), or, when `bareNumber`, a plain number (`under 30`).
    func looksLikePrice(at offset: Int, bareNumber: Bool) -> Bool {
        let token = peek(offset)
        guard token.lowercasedWord != nil else { return false }
        let text = token.written
        if let first = text.first, QueryVocabulary.currencySigns[first] != nil {
            let number = text.count > 1 ? String(text.dropFirst()) : peek(offset + 1).written
            return NumberScan(number).hasDigits
        }
        let scan = NumberScan(text)
        guard scan.hasDigits, !scan.negative else { return false }
        // Only a sign or a common code marks a price here: any three letters would take `5 ppm` for one.
        func isCurrency(_ text: some StringProtocol) -> Bool {
            text.count == 1
                ? QueryVocabulary.currency(text) != nil
                : QueryVocabulary.commonCurrencies.contains(text.uppercased())
        }
        if !scan.rest.isEmpty { return isCurrency(scan.rest) }
        let next = peek(offset + 1)
        if let word = next.lowercasedWord, isCurrency(next.written) || isCurrency(word) { return true }
        guard bareNumber else { return false }
        // `under 30` alone, or before `and`, `or`, a parenthesis or the end: not `under 30 ppm`.
        return next.lowercasedWord.map { QueryVocabulary.operators.contains($0) } ?? true
    }

    /// Whether the current token opens a price shorthand (`under $30`) or a free-from word (`fragrance-free`): a
    /// condition that may follow another without `and` (`niacinamide without fragrance under $30`).
    var opensImplicitCondition: Bool {
        guard let word = current.lowercasedWord else { return false }
        if Self.freeFromStem(word) != nil { return true }
        switch word {
        case "under", "over": return looksLikePrice(at: 1, bareNumber: true)
        case "below", "above": return looksLikePrice(at: 1, bareNumber: false)
        default: return false
        }
    }

    /// `fragrance-free` → `fragrance`: what a free-from word says the product does not contain; nil otherwise.
    static func freeFromStem(_ word: String) -> String? {
        guard word.hasSuffix("-free"), word.count > 5 else { return nil }
        return String(word.dropLast(5))
    }

    /// The number and currency of a price after `token`, and the span of its last token.
    private mutating func priceValue(after comparator: QueryToken) throws(QueryError) -> (Double, String?, QuerySpan) {
        guard var token = phraseWord else { throw expected("a number for price", after: comparator) }
        var currency: String?
        var text = Substring(token.written)
        // Where the number starts in the token: after a sign glued before it.
        var offset = 0
        if let sign = text.first, let code = QueryVocabulary.currencySigns[sign] {
            currency = code
            text = text.dropFirst()
            offset = 1
            if text.isEmpty {
                let signToken = advance()
                guard let next = phraseWord else { throw expected("a number for price", after: signToken) }
                token = next
                text = Substring(next.written)
                offset = 0
            }
        }
        let scan = NumberScan(String(text))
        guard scan.hasDigits else {
            throw QueryError(message: "price needs a number, not \(token.quotedForMessage)", span: token.span)
        }
        let value = try Self.number(scan, column: token.span.column + offset)
        advance()
        if scan.negative && value > 0 {
            throw QueryError(message: "negative price \(token.quotedForMessage)", span: token.span)
        }
        var last = token.span
        if !scan.rest.isEmpty {
            let restSpan = QuerySpan(
                column: token.span.column + offset + scan.numberLength, length: scan.rest.count)
            guard currency == nil else {
                throw QueryError(
                    message: "price \(token.quotedForMessage) names two currencies; write one, as in \"$30\" or "
                        + "\"30 USD\"",
                    span: token.span)
            }
            guard let code = QueryVocabulary.currency(scan.rest) else {
                throw Self.unknownCurrency(scan.rest, restSpan)
            }
            currency = code
        } else if let next = phraseWord {
            try rejectSpacedNumber(token, next)
            if currency == nil, let code = QueryVocabulary.currency(next.written) {
                advance()
                currency = code
                last = next.span
            }
        }
        return (value, currency, last)
    }

    private static func unknownCurrency(_ text: some StringProtocol, _ span: QuerySpan) -> QueryError {
        QueryError(
            message: "unknown currency \(QueryLexer.quote(text)) \(QueryVocabulary.currencyHint)", span: span,
            suggestion: Suggestion.nearest(to: String(text), in: QueryVocabulary.commonCurrencies))
    }

    /// `size >= 30 ml`, `size >= 30mL`, `size >= 50 g`, `size >= 30`.
    private mutating func sizeTest() throws(QueryError) -> QueryExpression {
        let fieldToken = advance()
        guard let comparison = current.comparison else {
            throw expected("a comparator such as \">= 30 ml\"", after: fieldToken)
        }
        let comparator = advance()
        guard let token = phraseWord else {
            throw expected("a number for size", after: comparator)
        }
        let scan = NumberScan(token.written)
        guard scan.hasDigits else {
            throw QueryError(message: "size needs a number, not \(token.quotedForMessage)", span: token.span)
        }
        let value = try Self.number(scan, column: token.span.column)
        advance()
        if scan.negative && value > 0 {
            throw QueryError(message: "negative size \(token.quotedForMessage)", span: token.span)
        }
        guard let (unitText, unitSpan, spaced) = try unit(after: token, scan) else {
            return .number(.size, comparison, value, span: fieldToken.span.through(token.span))
        }
        let last = spaced ? unitSpan : token.span
        guard let field = QueryVocabulary.sizeUnits[unitText.lowercased()] else {
            throw QueryError(
                message: "unknown size unit \(QueryLexer.quote(unitText)) (use ml or g)", span: unitSpan,
                suggestion: Suggestion.nearest(to: unitText, in: ["ml", "g"]))
        }
        return .number(field, comparison, value, span: fieldToken.span.through(last))
    }

    /// `sold by sephora`, `sold by "boots uk"`: one word, or a quoted name (trimmed) for a name with spaces.
    private mutating func soldByTest() throws(QueryError) -> QueryExpression {
        advance()
        let by = advance()
        let name: Phrase
        if case .quoted(let quoted) = current.kind {
            let token = advance()
            let text = String(quoted.trimmingWhitespace())
            guard !text.isEmpty else {
                throw QueryError(message: "empty source name \(token.quotedForMessage)", span: token.span)
            }
            name = Phrase(text: text, span: token.span)
        } else if let word = phraseWord {
            advance()
            name = Phrase(text: word.written, span: word.span)
        } else {
            throw expected("a source name such as sephora", after: by)
        }
        // `sold by boots uk`: a name of several words needs its quotes.
        if let next = phraseWord, !QueryVocabulary.presence.contains(next.lowercasedWord ?? "") {
            var words = [next]
            var index = 1
            while let word = peek(index).lowercasedWord, !QueryVocabulary.operators.contains(word) {
                words.append(peek(index))
                index += 1
            }
            let written = ([name.text] + words.map(\.written)).joined(separator: " ")
            throw QueryError(
                message: "expected \"and\" or \"or\" before \(next.quotedForMessage); quote a source name with "
                    + "spaces, as in \(QueryLexer.quote("sold by '\(written)'"))",
                span: spanOf(words))
        }
        return .soldBy(name)
    }

    // MARK: Audit findings

    /// `audit = headline-trace`, `audit != same-formula`.
    private mutating func auditTest() throws(QueryError) -> QueryExpression {
        let keyword = advance()
        let comparator = advance()
        guard let comparison = comparator.comparison, comparison == .equal || comparison == .notEqual else {
            throw QueryError(
                message: "\"audit\" takes = or !=, not \(comparator.quotedForMessage)", span: comparator.span,
                suggestion: "=")
        }
        let (kind, value) = try findingKind(after: comparator)
        let term = QueryExpression.finding(kind, span: keyword.span.through(value.span))
        return comparison == .equal ? term : .not(term)
    }

    /// Whether a token can be a finding kind: a word that is no operator, or a quoted string.
    private static func startsValue(_ token: QueryToken) -> Bool {
        if case .quoted = token.kind { return true }
        return token.lowercasedWord.map { !QueryVocabulary.operators.contains($0) } ?? false
    }

    /// A finding kind (`headline-trace`, any case, bare or quoted), with its token.
    private mutating func findingKind(after token: QueryToken) throws(QueryError) -> (AuditFinding.Kind, QueryToken) {
        let value: QueryToken
        let text: String
        if case .quoted(let quoted) = current.kind {
            value = advance()
            text = String(quoted.trimmingWhitespace())
        } else if let word = phraseWord {
            value = advance()
            text = word.written
        } else {
            throw expected("a finding kind such as headline-trace", after: token)
        }
        let kinds = AuditFinding.Kind.allCases.map(\.rawValue)
        guard let kind = AuditFinding.Kind(rawValue: text.lowercased()) else {
            throw QueryError(
                message: "unknown finding \(QueryLexer.quote(text)) (the kinds are \(kinds.joined(separator: ", ")))",
                span: value.span, suggestion: Suggestion.nearest(to: text.lowercased(), in: kinds))
        }
        return (kind, value)
    }

    // MARK: Packaging

    /// `packaging = airless`, `packaging != clear jar`.
    private mutating func packagingTest() throws(QueryError) -> QueryExpression {
        let keyword = advance()
        let comparator = advance()
        let positive = try equalityOnly(comparator, for: "packaging")
        let words = try valueWords(after: comparator, what: "a packaging word", hint: QueryVocabulary.packagingHint)
        let packaging = try Self.packaging(strict: words)
        let test = QueryExpression.packaging(packaging, span: keyword.span.through(spanOf(words)))
        return positive ? test : .not(test)
    }

    /// `airless packaging`, `packaging airless`, `packaged in clear jars`.
    private func packagingPhrase(_ words: [QueryToken]) throws(QueryError) -> QueryExpression {
        var core = words
        let keyword: QueryToken
        if let first = words.first?.lowercasedWord, QueryVocabulary.packagingKeywords.contains(first) {
            keyword = core.removeFirst()
            if core.first?.lowercasedWord == "in" { core.removeFirst() }
            guard !core.isEmpty else { throw missingPackagingWord(keyword) }
            return .packaging(try Self.packaging(strict: core), span: spanOf(words))
        }
        keyword = core.removeLast()
        guard !core.isEmpty else { throw missingPackagingWord(keyword) }
        if let packaging = Self.packaging(of: core) { return .packaging(packaging, span: spanOf(words)) }
        // The longest run of packaging words before the keyword (packaging phrases are short: look 8 words back).
        var start = core.count
        for candidate in stride(from: core.count - 1, through: max(0, core.count - 8), by: -1)
        where Self.packaging(of: Array(core[candidate...])) != nil {
            start = candidate
        }
        let unknown = core[start - 1]
        let suggestion = Suggestion.nearest(to: unknown.written, in: Self.packagingSuggestions)
        if start == core.count || (start == 1 && suggestion != nil) {
            throw Self.unknownPackaging(unknown)
        }
        let rest = Array(core[start...]) + [keyword]
        throw QueryError(
            message:
                "expected \"and\" or \"or\" before \(QueryLexer.quote(rest.map(\.written).joined(separator: " ")))",
            span: spanOf(rest))
    }

    private func missingPackagingWord(_ keyword: QueryToken) -> QueryError {
        QueryError(
            message: "expected a packaging word with \(keyword.quotedForMessage) \(QueryVocabulary.packagingHint)",
            span: keyword.span)
    }

    private static func unknownPackaging(_ word: QueryToken) -> QueryError {
        QueryError(
            message: "unknown packaging \(word.quotedForMessage) \(QueryVocabulary.packagingHint)", span: word.span,
            suggestion: Suggestion.nearest(to: word.written, in: Self.packagingSuggestions))
    }

    private static let packagingSuggestions =
        Packaging.named.map(\.name)
        + QueryVocabulary.packagingWords.keys.sorted().filter { key in !Packaging.named.contains { $0.name == key } }

    /// The attributes the words name, or nil if any word is not a packaging word.
    static func packaging(of words: [QueryToken]) -> Packaging? {
        let (packaging, unknown) = readPackaging(words)
        return unknown == nil ? packaging : nil
    }

    /// The attributes the words name (`clear jar`, `single use`, `screw top`).
    /// - Throws: naming the first word that is not a packaging word.
    static func packaging(strict words: [QueryToken]) throws(QueryError) -> Packaging {
        let (packaging, unknown) = readPackaging(words)
        if let unknown { throw unknownPackaging(words[unknown]) }
        return packaging
    }

    /// The attributes read so far and the index of the first word that is not a packaging word, if any.
    private static func readPackaging(_ words: [QueryToken]) -> (Packaging, unknown: Int?) {
        var packaging: Packaging = []
        var index = 0
        while index < words.count {
            let word = words[index].lowercasedWord ?? words[index].written.lowercased()
            if index + 1 < words.count,
                let attribute = QueryVocabulary.packagingWords[
                    word + "-" + (words[index + 1].lowercasedWord ?? words[index + 1].written.lowercased())]
            {
                packaging.insert(attribute)
                index += 2
            } else if let attribute = QueryVocabulary.packagingWords[word] {
                packaging.insert(attribute)
                index += 1
            } else {
                return (packaging, index)
            }
        }
        return (packaging, nil)
    }

    // MARK: Delivery

    /// `delivery = liposomal`, `delivery != declared ferment filtrate`.
    private mutating func deliveryTest() throws(QueryError) -> QueryExpression {
        let keyword = advance()
        guard current.comparison != nil else { throw expected("\"=\" or \"!=\"", after: keyword) }
        let comparator = advance()
        let positive = try equalityOnly(comparator, for: "delivery")
        var words = try valueWords(after: comparator, what: "a delivery system", hint: QueryVocabulary.deliveryHint)
        let span = keyword.span.through(spanOf(words))
        let basis = Self.basis(of: words.first)
        if basis != nil {
            let basisWord = words.removeFirst()
            guard !words.isEmpty else {
                throw QueryError(
                    message: "expected a delivery system after \(basisWord.quotedForMessage) "
                        + QueryVocabulary.deliveryHint,
                    span: current.span)
            }
        }
        let test = QueryExpression.delivery(try Self.deliverySystem(words), basis, span: span)
        return positive ? test : .not(test)
    }

    /// `liposomal delivery`, `declared ferment filtrate delivery`.
    private func deliveryPhrase(_ words: [QueryToken], keyword: QueryToken) throws(QueryError) -> QueryExpression {
        for taken in [2, 1] where words.count >= taken {
            let systemWords = Array(words.suffix(taken))
            guard let system = QueryVocabulary.deliveryWords[Self.deliveryKey(systemWords)] else { continue }
            var rest = Array(words.dropLast(taken))
            let basis = Self.basis(of: rest.last)
            if basis != nil { rest.removeLast() }
            guard rest.isEmpty else {
                let named = words.suffix(taken + (basis == nil ? 0 : 1)) + [keyword]
                throw QueryError(
                    message: "expected \"and\" or \"or\" before "
                        + QueryLexer.quote(named.map(\.written).joined(separator: " ")),
                    span: spanOf(Array(named)))
            }
            return .delivery(system, basis, span: spanOf(words + [keyword]))
        }
        // Not a known system: name the words without their basis.
        var systemWords = words
        let basis = Self.basis(of: systemWords.first)
        if basis != nil, systemWords.count > 1 { systemWords.removeFirst() }
        return .delivery(try Self.deliverySystem(systemWords), basis, span: spanOf(words + [keyword]))
    }

    private static func deliveryKey(_ words: [QueryToken]) -> String {
        words.map { $0.lowercasedWord ?? $0.written.lowercased() }.joined(separator: "-")
    }

    private static func basis(of word: QueryToken?) -> DeliveryBasis? {
        word?.lowercasedWord.flatMap(DeliveryBasis.init(rawValue:))
    }

    static func deliverySystem(_ words: [QueryToken]) throws(QueryError) -> DeliverySystem {
        let written = words.map(\.written).joined(separator: " ")
        let key = deliveryKey(words)
        if let system = QueryVocabulary.deliveryWords[key] { return system }
        throw QueryError(
            message: "unknown delivery system \(QueryLexer.quote(written)) \(QueryVocabulary.deliveryHint)",
            span: QuerySpan(column: words.first?.span.column ?? 1, length: spanLength(words)),
            suggestion: Suggestion.nearest(
                to: key,
                in: DeliverySystem.allCases.sorted().map(\.rawValue) + QueryVocabulary.deliveryWords.keys.sorted()))
    }

    // MARK: Helpers

    /// `=` (true) or `!=` (false); anything else is an error.
    private func equalityOnly(_ comparator: QueryToken, for field: String) throws(QueryError) -> Bool {
        switch comparator.comparison {
        case .equal: return true
        case .notEqual: return false
        default:
            throw QueryError(
                message: "\(field) can only be compared with = or !=, not \(comparator.quotedForMessage)",
                span: comparator.span)
        }
    }

    /// The words of a value: a quoted string split at whitespace, or the phrase words that follow.
    private mutating func valueWords(after comparator: QueryToken, what: String, hint: String) throws(QueryError)
        -> [QueryToken]
    {
        if case .quoted(let text) = current.kind {
            let token = advance()
            let words = text.split(whereSeparator: QueryLexer.isSeparator).map {
                QueryToken(kind: .word(String($0)), span: token.span, written: String($0))
            }
            guard !words.isEmpty else {
                throw QueryError(message: "expected \(what) in \(token.quotedForMessage) \(hint)", span: token.span)
            }
            return words
        }
        var words: [QueryToken] = []
        while let word = phraseWord { words.append(word); advance() }
        guard !words.isEmpty else { throw expected("\(what) \(hint)", after: comparator) }
        return words
    }

    private func phrase(_ words: [QueryToken]) -> Phrase {
        Phrase(text: words.map(\.written).joined(separator: " "), span: spanOf(words))
    }

    private func spanOf(_ words: [QueryToken]) -> QuerySpan {
        guard let first = words.first, let last = words.last else { return current.span }
        return first.span.through(last.span)
    }

    private static func spanLength(_ words: [QueryToken]) -> Int {
        guard let first = words.first, let last = words.last else { return 1 }
        return first.span.through(last.span).length
    }

    private mutating func enterNesting(at token: QueryToken) throws(QueryError) {
        depth += 1
        if depth > QueryParser.maximumDepth {
            throw QueryError(
                message: "the query nests more than \(QueryParser.maximumDepth) levels deep", span: token.span)
        }
    }

    /// After `with`, `without`: an operator or the end is not a condition.
    private func rejectOperator() throws(QueryError) {
        if current.isEnd || current.kind == .closeParenthesis || current.comparison != nil
            || current.lowercasedWord.map(QueryVocabulary.operators.contains) == true
        {
            throw expectedCondition()
        }
    }

    private func expectedCondition() -> QueryError {
        guard let previous else {
            if current.isEnd { return QueryError(message: "the query is empty", span: current.span) }
            return QueryError(message: "expected a condition, found \(current.quotedForMessage)", span: current.span)
        }
        if current.isEnd {
            return QueryError(message: "expected a condition after \(previous.quotedForMessage)", span: current.span)
        }
        return QueryError(
            message: "expected a condition after \(previous.quotedForMessage), found \(current.quotedForMessage)",
            span: current.span)
    }

    private func expected(_ what: String, after token: QueryToken) -> QueryError {
        let found = current.isEnd ? "" : ", found \(current.quotedForMessage)"
        return QueryError(message: "expected \(what) after \(token.quotedForMessage)\(found)", span: current.span)
    }

    /// A token after a complete condition that is not `and`, `or`, `)` or the end.
    private func misplaced(_ token: QueryToken) -> QueryError {
        let expected = openParentheses > 0 ? "\"and\", \"or\" or \")\"" : "\"and\" or \"or\""
        return QueryError(
            message: "expected \(expected) before \(token.quotedForMessage)", span: token.span,
            suggestion: token.lowercasedWord == "not" ? "and not" : nil)
    }
}

/// A word split into an optional sign, a number (digits, `,` and `.`) and what follows (a glued unit).
struct NumberScan {
    var negative = false
    var number: Substring
    var rest: Substring
    /// Characters of the sign and the number.
    var numberLength: Int

    var hasDigits: Bool { number.contains(where: \.isASCIIDigit) }

    init(_ word: String) {
        var text = Substring(word)
        var signLength = 0
        if let first = text.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            text = text.dropFirst()
            signLength = 1
        }
        let end = text.firstIndex { !($0.isASCIIDigit || $0 == "," || $0 == ".") } ?? text.endIndex
        number = text[..<end]
        rest = text[end...]
        numberLength = signLength + number.count
        if !number.contains(where: \.isASCIIDigit) {
            negative = false
            number = ""
            rest = Substring(word)
            numberLength = 0
        }
    }
}
