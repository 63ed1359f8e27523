//! State → URL → state is the identity, and no query string makes the
//! parser panic; canonical paths and echoes of links (`links`) are stable
//! and bounded.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use ward_domain::choropleth::MapMode;
use ward_domain::classify::Method;
use ward_domain::composite::Weights;
use ward_domain::format::Lang;
use ward_domain::links::{canonical_path, echo, is_tracking_param, strip_tracking, ECHO_CHARS};
use ward_domain::table::SortKey;
use ward_domain::url_state::{dropped_list, parse_query, to_query, ViewState, MAX_COMPARED};

fn period() -> impl Strategy<Value = String> {
    prop_oneof![
        (2000u32..2100).prop_map(|y| y.to_string()),
        (2000u32..2100, 1u32..=4).prop_map(|(y, q)| format!("{y}-Q{q}")),
        (2000u32..2100, 1u32..=12).prop_map(|(y, m)| format!("{y}-{m:02}")),
    ]
}

fn ward() -> impl Strategy<Value = String> {
    (0u32..100_000).prop_map(|n| format!("{n:05}"))
}

fn weights() -> impl Strategy<Value = Weights> {
    proptest::array::uniform6(0.0f64..100.0)
        .prop_filter("a weighting needs a positive sum", |w| {
            w.iter().sum::<f64>() > 0.0
        })
        .prop_map(Weights)
}

/// Addresses `?data=` accepts, with characters a query must escape.
fn address() -> impl Strategy<Value = String> {
    prop_oneof![
        "/[a-z0-9/._%&=?-]{0,30}",
        "https://[a-z0-9.-]{1,20}(:[0-9]{1,5})?/[a-zA-Z0-9/._%&=?#+-]{0,30}",
        "http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?/[a-z0-9/._-]{0,20}",
    ]
    .prop_filter("not another site", |a| !a.starts_with("//"))
}

fn view_state() -> impl Strategy<Value = ViewState> {
    (
        proptest::option::of("[a-z0-9][a-z0-9-]{0,40}"),
        proptest::option::of(period()),
        proptest::option::of(ward()),
        proptest::collection::btree_set(ward(), 0..=MAX_COMPARED),
        proptest::option::of((0u32..1000).prop_map(|n| format!("{n:03}"))),
        proptest::option::of((
            proptest::sample::select(SortKey::ALL.to_vec()),
            any::<bool>(),
        )),
        proptest::option::of(proptest::sample::select(Method::ALL.to_vec())),
        proptest::option::of(proptest::sample::select(MapMode::ALL.to_vec())),
        proptest::option::of(period()),
        proptest::option::of(weights()),
        proptest::option::of(proptest::sample::select(vec![Lang::Vi, Lang::En])),
        (
            proptest::option::of(address()),
            proptest::option::of(address()),
            proptest::option::of(address()),
        ),
    )
        .prop_map(
            |(
                indicator,
                period,
                ward,
                wards,
                district,
                sort,
                classing,
                map_mode,
                base,
                weights,
                lang,
                (data, catalogue, boundaries),
            )| {
                ViewState {
                    indicator,
                    period,
                    ward,
                    wards: wards.into_iter().collect(),
                    district,
                    sort,
                    classing,
                    map_mode,
                    base,
                    weights,
                    lang,
                    data,
                    catalogue,
                    boundaries,
                }
            },
        )
}

proptest! {
    // Failures are kept in crates/domain/proptest-regressions/ (committed),
    // and replayed first on every run.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/url_state.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn state_to_url_to_state_is_the_identity(state in view_state()) {
        let query = to_query(&state);
        let (back, dropped) = parse_query(&query);
        prop_assert!(dropped.is_empty(), "{query}: dropped {dropped:?}");
        prop_assert_eq!(&back, &state, "{}", query);
        // And the URL is canonical: writing it again gives the same text.
        prop_assert_eq!(to_query(&back), query);
    }

    #[test]
    fn any_query_string_is_read_without_panicking(query in ".{0,300}") {
        let (state, _) = parse_query(&query);
        // Whatever was kept is valid, so it survives another round trip.
        let (again, dropped) = parse_query(&to_query(&state));
        prop_assert!(dropped.is_empty());
        prop_assert_eq!(again, state);
    }

    #[test]
    fn what_a_notice_echoes_is_bounded(query in ".{0,600}", extra in 0usize..50) {
        let query = format!("{query}{}", "&x=y".repeat(extra));
        let (_, dropped) = parse_query(&query);
        for d in &dropped {
            prop_assert!(d.param.chars().count() <= ECHO_CHARS + 1);
            prop_assert!(d.value.chars().count() <= ECHO_CHARS + 1);
            prop_assert!(!is_tracking_param(&d.param));
        }
        let list = dropped_list(&dropped);
        prop_assert_eq!(list.shown.len() + list.more, dropped.len());
        prop_assert!(list.shown.len() <= ward_domain::links::ECHO_ITEMS);
        // The query without its tracking parameters reads the same.
        prop_assert_eq!(parse_query(&strip_tracking(&query)), parse_query(&query));
    }

    #[test]
    fn echo_keeps_a_prefix_of_at_most_its_cap(text in "\\PC{0,100}") {
        let echoed = echo(&text);
        let kept = echoed.strip_suffix('…').unwrap_or(&echoed);
        prop_assert!(text.starts_with(kept));
        prop_assert!(kept.chars().count() <= ECHO_CHARS);
    }

    #[test]
    fn canonical_paths_are_stable(path in "(/[A-Za-z0-9]{0,8}){0,3}/?") {
        if let Some(canonical) = canonical_path(&path) {
            prop_assert_eq!(canonical_path(&canonical), Some(canonical.clone()));
            prop_assert!(canonical.starts_with('/'));
        }
    }
}
