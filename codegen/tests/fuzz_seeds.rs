//! The fuzz target's seeds (`fuzz/seeds`: every fixture, every fixture's settings with its
//! first file, hostile names) run through the target's code, so a seed that panics fails here,
//! without libFuzzer.

#[test]
fn every_fuzz_seed_runs_without_a_panic() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut count = 0;
    for entry in std::fs::read_dir(&seeds).expect("the seeds folder") {
        let path = entry.expect("an entry").path();
        let data = std::fs::read(&path).expect("a seed");
        apigen_codegen::__stages::fuzz::run_input(&data);
        count += 1;
    }
    // Every fixture is a seed: 90 schema files and one settings seed per fixture at least.
    assert!(count > 180, "only {count} seeds in {}", seeds.display());
}
