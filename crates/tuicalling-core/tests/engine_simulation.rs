//! A deterministic multi-user simulation of the call engine (issue 4, deliverable 4).
//!
//! Each seed builds a world of 2–6 engines on virtual time with an IM hub, a faulty network
//! (loss, duplication, reordering, delays up to 10 s, send failures), clock skew up to ±60 s,
//! a simulated TRTC room service (whose leaves are sometimes never reported) and random user
//! actions, and iOS backgrounds (a pusher that steps out of its room and back), and checks six
//! invariants after every step (see `sim/invariants.rs`). The design is described in
//! `sim/mod.rs`.
//!
//! - `TUICALLING_SIM_SEEDS=<n>`: how many seeds `simulation_10k_seeds` runs (10,000 by default).
//! - `TUICALLING_SIM_SEED=<n>`: replay only that seed, printing every step.
//! - `TUICALLING_SIM_IDLE_BOUND_S=<s>`: relax invariant 2's bound (35 s) to look past a known
//!   violation for other ones. Never set in CI.

mod sim;

use std::collections::BTreeMap;
use std::time::Instant;

use sim::invariants::Invariant;
use sim::{Config, Stats, Violation};

/// Seeds per run unless `TUICALLING_SIM_SEEDS` says otherwise.
const DEFAULT_SEEDS: u64 = 10_000;
/// Violations printed in full (the shortest per invariant first).
const PRINT_IN_FULL: usize = 3;

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, got {value:?}")),
    )
}

/// Worker threads: one per core, at most 8.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(2, usize::from)
        .clamp(1, 8)
}

/// The run configuration from the environment.
fn config(print: bool) -> Config {
    let mut config = Config {
        print,
        ..Config::default()
    };
    if let Some(seconds) = env_u64("TUICALLING_SIM_IDLE_BOUND_S") {
        config.idle_bound_ms = seconds * 1000;
    }
    config
}

/// Runs `seeds` on all cores; returns the merged counters and every violation, by seed.
fn run_seeds(seeds: impl Iterator<Item = u64>, config: Config) -> (Stats, Vec<Violation>) {
    let seeds: Vec<u64> = seeds.collect();
    let threads = threads();
    let chunks: Vec<Vec<u64>> = (0..threads)
        .map(|t| seeds.iter().copied().skip(t).step_by(threads).collect())
        .collect();
    let results: Vec<(Stats, Vec<Violation>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut stats = Stats::default();
                    let mut violations = Vec::new();
                    for seed in chunk {
                        let outcome = sim::run(seed, config);
                        stats.merge(&outcome.stats);
                        violations.extend(outcome.violation);
                    }
                    (stats, violations)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("simulation thread panicked"))
            .collect()
    });
    let mut stats = Stats::default();
    let mut violations = Vec::new();
    for (part, found) in results {
        stats.merge(&part);
        violations.extend(found);
    }
    violations.sort_by_key(|violation| violation.seed);
    (stats, violations)
}

/// Prints the violations: a count per invariant with example seeds, and the shortest failing
/// seed of each invariant in full.
fn print_violations(violations: &[Violation]) {
    let mut by_invariant: BTreeMap<Invariant, Vec<&Violation>> = BTreeMap::new();
    for violation in violations {
        by_invariant
            .entry(violation.invariant)
            .or_default()
            .push(violation);
    }
    for (invariant, found) in &by_invariant {
        let seeds: Vec<String> = found
            .iter()
            .take(20)
            .map(|violation| violation.seed.to_string())
            .collect();
        println!(
            "invariant {}: {} failing seeds, e.g. {}",
            invariant.name(),
            found.len(),
            seeds.join(", ")
        );
    }
    for found in by_invariant.values() {
        let mut shortest: Vec<&&Violation> = found.iter().collect();
        shortest.sort_by_key(|violation| (violation.steps, violation.seed));
        for violation in shortest.into_iter().take(PRINT_IN_FULL) {
            println!("\n{}", violation.report());
        }
    }
}

/// At least 10,000 seeded scenarios; ends with `simulated <N> calls, <V> invariant violations`.
#[test]
fn simulation_10k_seeds() {
    if let Some(seed) = env_u64("TUICALLING_SIM_SEED") {
        let config = config(true);
        let outcome = sim::run(seed, config);
        println!("{}", outcome.stats.report(config.idle_bound_ms));
        if let Some(violation) = &outcome.violation {
            println!("\n{}", violation.report());
        }
        let violations = u64::from(outcome.violation.is_some());
        println!(
            "simulated {} calls, {violations} invariant violations",
            outcome.stats.calls
        );
        assert_eq!(
            violations, 0,
            "seed {seed} violates an invariant (trace above)"
        );
        return;
    }
    let seeds = env_u64("TUICALLING_SIM_SEEDS").unwrap_or(DEFAULT_SEEDS);
    let started = Instant::now();
    let config = config(false);
    let (stats, violations) = run_seeds(0..seeds, config);
    println!("{}", stats.report(config.idle_bound_ms));
    println!(
        "wall time {:.2} s on {} threads",
        started.elapsed().as_secs_f64(),
        threads()
    );
    print_violations(&violations);
    println!(
        "simulated {} calls, {} invariant violations",
        stats.calls,
        violations.len()
    );
    assert!(
        violations.is_empty(),
        "{} of {seeds} seeds violate an invariant (reports above)",
        violations.len()
    );
}

/// The same seed replays exactly: same steps, same calls, same digest of every step.
#[test]
fn simulation_replays_exactly() {
    for seed in [1, 42, 9_999] {
        let (first, second) = (
            sim::run(seed, Config::default()),
            sim::run(seed, Config::default()),
        );
        assert_eq!(first.digest, second.digest, "seed {seed}");
        assert_eq!(first.stats.steps, second.stats.steps, "seed {seed}");
        assert_eq!(first.stats.calls, second.stats.calls, "seed {seed}");
    }
}

/// The faults and paths the invariants are meant to cover really happen (a few hundred seeds).
#[test]
fn simulation_exercises_every_fault() {
    let (stats, _) = run_seeds(100_000..100_400, Config::default());
    println!("{}", stats.report(Config::default().idle_bound_ms));
    let covered = [
        ("calls", stats.calls),
        ("joins", stats.joins),
        ("connected calls", stats.connected),
        ("refused commands", stats.refused),
        ("lost messages", stats.lost),
        ("duplicated messages", stats.duplicated),
        ("messages delayed > 1 s", stats.delayed),
        ("send failures", stats.send_failures),
        ("failed sends delivered anyway", stats.ambiguous_failures),
        ("reported TRTC leaves", stats.leaves_reported),
        ("never-reported TRTC leaves", stats.leaves_unreported),
        ("player netstatus", stats.netstatus),
        ("invites received with skew > 30 s", stats.skewed_invites),
        ("hang-ups", stats.ended[0]),
        ("rejects", stats.ended[1]),
        ("callee ring timeouts", stats.timeouts[0]),
        ("inviter guards", stats.timeouts[1]),
        ("empty-room guards", stats.timeouts[3]),
        ("silence guards", stats.timeouts[4]),
        ("leave graces run out", stats.timeouts[5]),
        ("iOS backgrounds", stats.backgrounds),
        (
            "returns from an iOS background into the call",
            stats.returns,
        ),
        (
            "1v1 calls ending with exactly one hang-up notice",
            stats.one_notice,
        ),
        ("line busy", stats.ended[4]),
        ("cancels", stats.ended[5]),
        ("errors", stats.ended[7]),
    ];
    for (what, count) in covered {
        assert!(
            count > 0,
            "the simulation never produced {what}:\n{}",
            stats.report(Config::default().idle_bound_ms)
        );
    }
}

/// Invariant 2 checks the engine's own promise, which must be within the issue's
/// `timeout + 10 s`.
#[test]
fn idle_bound_is_within_the_issues() {
    let (design, issue) = (
        sim::invariants::idle_bound_ms(),
        sim::invariants::issue_idle_bound_ms(),
    );
    assert_eq!((design, issue), (35_000, 40_000));
    assert!(design <= issue);
}
