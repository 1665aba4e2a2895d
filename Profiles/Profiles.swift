/// The import profiles shipped with skincat (`Profiles/*.json`), embedded in the binary at build time so an
/// installed `skincat import --profile NAME` works from any folder.
///
/// To add a profile: write `Profiles/NAME.json`, list it in `Package.swift` under `SkinCatalogProfiles`, and add
/// it here. `ProfileTests` fails when this list, `Package.swift` and the folder disagree.
public enum ProfileFiles {
    /// Every shipped profile: its name (the file name without `.json`) and its JSON.
    public static let all: [(name: String, json: [UInt8])] = [
        ("lookfantastic", PackageResources.lookfantastic_json),
        ("lookfantastic-clean", PackageResources.lookfantastic_clean_json),
        ("sephora-cosmetics", PackageResources.sephora_cosmetics_json),
        ("sephora-daisy", PackageResources.sephora_daisy_json),
        ("sephora-daisy-final", PackageResources.sephora_daisy_final_json),
    ]
}
