//! State → URL → state is the identity, and no query string makes the
//! parser panic.

use proptest::prelude::*;
use ward_domain::choropleth::MapMode;
use ward_domain::classify::Method;
use ward_domain::composite::Weights;
use ward_domain::format::Lang;
use ward_domain::table::SortKey;
use ward_domain::url_state::{parse_query, to_query, ViewState, MAX_COMPARED};

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
                }
            },
        )
}

proptest! {
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
}
