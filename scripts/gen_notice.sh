#!/usr/bin/env bash
# Assemble NOTICE from the provenance notes the data generators write.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "sitrep"
  echo "Copyright (c) 2026 the sitrep developers"
  echo
  echo "The sitrep source code is licensed under either of the MIT license"
  echo "(LICENSE-MIT) or the Apache License, Version 2.0 (LICENSE-APACHE), at"
  echo "your option. The data files under data/ are derived from third-party"
  echo "sources and carry those sources' licences, as set out below. The"
  echo "example corpus under examples/ was written for the project."
  echo
  for part in data/actors/NOTICE.part data/cameo/NOTICE.part data/places/NOTICE.part data/discards/NOTICE.part data/geo/NOTICE.part data/pos/NOTICE.part data/parse/NOTICE.part crates/sitrep-export/data/NOTICE.part data/confidence/NOTICE.part data/roles/NOTICE.part; do
    echo "----------------------------------------------------------------------"
    cat "$part"
    echo
  done
} > NOTICE
