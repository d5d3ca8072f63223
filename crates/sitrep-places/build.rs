//! Builds the gazetteer's compact form (src/index.rs) from data/places/*.tsv,
//! so the binary embeds a ready-to-read index and start-up parses nothing.

#[allow(dead_code)]
#[path = "src/index.rs"]
mod index;

use std::path::PathBuf;

fn main() {
    let data =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../data/places");
    let read = |n: &str| {
        let p = data.join(n);
        println!("cargo:rerun-if-changed={}", p.display());
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    };
    println!("cargo:rerun-if-changed=src/index.rs");
    let (countries, admin1, places, regions, country_names) = (
        read("countries.tsv"),
        read("admin1.tsv"),
        read("places.tsv"),
        read("regions.tsv"),
        read("country_names.tsv"),
    );
    let bytes = index::build(&index::Sources {
        countries: &countries,
        admin1: &admin1,
        places: &places,
        regions: &regions,
        country_names: &country_names,
    });
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("gazetteer.bin");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
