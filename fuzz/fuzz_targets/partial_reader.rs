//! Any bytes given to `merge` as a partial: an error naming the file, never a panic, and a
//! partial that is read is merged into graphs without one either.
//!
//! The input is used twice: as a whole file (header, stream and all), and as the
//! decompressed record stream behind a valid header, so that the fuzzer reaches the record
//! decoding and the checks behind zstd's checksum.
#![no_main]

use actorgraph::dictionary::Dictionary;
use actorgraph::partial::{Header, Merge, Reader};
use actorgraph::pipeline::Options;
use actorgraph::NoObserver;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static DICT: LazyLock<Dictionary> = LazyLock::new(|| Dictionary::builtin(None).unwrap());
static OPTIONS: LazyLock<Options> = LazyLock::new(Options::default);

fn merge(bytes: &[u8]) {
    let Ok(reader) = Reader::new("fuzz.part", bytes) else {
        return;
    };
    let mut merge = Merge::<Vec<u8>>::new(&DICT, &OPTIONS.build, Some(Vec::new())).unwrap();
    if merge.add(reader, &mut NoObserver).is_ok() {
        let (built, _, state) = merge.finish().unwrap();
        let _ = actorgraph::analysis::analyse(built.graph, &OPTIONS.analysis);
        // What a merge writes as its state is a partial that reads back.
        let state = state.unwrap();
        let mut again = Merge::<Vec<u8>>::new(&DICT, &OPTIONS.build, None).unwrap();
        again
            .add(Reader::new("state", state.as_slice()).unwrap(), &mut NoObserver)
            .unwrap();
    }
}

fuzz_target!(|data: &[u8]| {
    merge(data);
    let mut file = b"actorgraph partial 1\n".to_vec();
    serde_json::to_writer(&mut file, &Header::of(&DICT, &OPTIONS.build)).unwrap();
    file.push(b'\n');
    file.extend(zstd::encode_all(data, 1).unwrap());
    merge(&file);
});
