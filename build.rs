//! Build script: links the binaries as position-dependent executables on
//! Linux (glibc). It must not generate code or touch the network.
//!
//! A position-independent `morgue` carries ~42,000 relative relocations
//! (vtables, string tables of its dependencies) that the dynamic loader
//! applies at every start, writing ~200 pages of `.data.rel.ro` and
//! reading a 1 MB relocation table: about 2 ms per process on the
//! reference machine, a fifth of a search. Linked with `-no-pie` the
//! linker resolves them once, at build time. The cost is that the
//! executable's own code is not placed at a random address (shared
//! libraries, stack and heap still are), as with Go's default builds.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // glibc targets only: musl builds link statically (`-static-pie`),
    // which `-no-pie` would contradict.
    let var = |k| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
