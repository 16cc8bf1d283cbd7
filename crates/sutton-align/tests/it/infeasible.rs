//! Constraints that cannot hold are reported with their figures, never hidden.

use sutton_align::{Options, Violation, optimize};

use crate::common::grid;

#[test]
fn a_unit_larger_than_the_band_is_proven_infeasible_with_the_figure() {
    // 15 units of 10 and one of 100 into 4 territories: target 62.5, band ±2 % = 61.25..63.75.
    let mut values = vec![10.0; 16];
    values[5] = 100.0;
    let problem = grid(4, 4, 4, 0.02, values);
    let result = optimize(&problem, &Options::default(), &|_| {}).expect("valid input");
    let proof = result
        .violations
        .iter()
        .find_map(|v| match v {
            Violation::UnitAboveBand { unit, value, upper, min_deviation, .. } => {
                Some((*unit, *value, *upper, *min_deviation))
            }
            _ => None,
        })
        .expect("the heavy unit is reported");
    assert_eq!(proof.0, 5);
    assert_eq!(proof.1, 100.0);
    assert!((proof.2 - 63.75).abs() < 1e-9, "upper band {}", proof.2);
    assert!((proof.3 - 0.6).abs() < 1e-9);
    assert!(result.violations.iter().any(|v| v.is_proven()));
    assert!(result.violations.iter().any(|v| matches!(v, Violation::Balance { .. })));
    assert!(result.violations[0].to_string().contains("cannot hold"));
    assert_eq!(result.assignment.len(), 16);
}

#[test]
fn more_territories_than_units_is_reported() {
    let problem = grid(2, 1, 3, 0.1, vec![1.0, 1.0]);
    let result = optimize(&problem, &Options::default(), &|_| {}).expect("valid input");
    assert!(result.violations.contains(&Violation::TooFewUnits { units: 2, territories: 3 }));
}

#[test]
fn a_disconnected_graph_with_too_few_territories_is_reported() {
    // Two separate rows of three units each, one territory.
    let mut problem = grid(3, 2, 1, 0.1, vec![1.0; 6]);
    problem.edges = Some(vec![[0, 1], [1, 2], [3, 4], [4, 5]]);
    let result = optimize(&problem, &Options::default(), &|_| {}).expect("valid input");
    assert!(result.violations.contains(&Violation::TooManyParts { parts: 2, territories: 1 }));
    assert!(result.violations.iter().any(|v| matches!(v, Violation::NotContiguous { .. })));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let mut problem = grid(2, 2, 2, 0.1, vec![1.0, f64::NAN, 1.0, 1.0]);
    assert!(optimize(&problem, &Options::default(), &|_| {}).is_err());
    problem.balance[0].values = vec![1.0, -1.0, 1.0, 1.0];
    assert!(optimize(&problem, &Options::default(), &|_| {}).is_err());
    problem.balance[0].values = vec![1.0; 4];
    problem.edges = Some(vec![[0, 9]]);
    let error = optimize(&problem, &Options::default(), &|_| {}).expect_err("edge out of range");
    assert!(error.to_string().contains("unit 9"));
    problem.edges = None;
    problem.territories = 0;
    assert!(optimize(&problem, &Options::default(), &|_| {}).is_err());
}
