//! The committed registry file (`public/data/wards.json`) is the one the app
//! ships: check it holds exactly the 175 pilot wards of the 13 units.

use std::collections::{BTreeMap, HashSet};

use ward_domain::{fold::fold, Registry};

fn bundled() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/wards.json");
    let text = std::fs::read_to_string(path).expect("public/data/wards.json is committed");
    Registry::parse(&text).unwrap_or_else(|problems| {
        panic!("bundled registry is invalid: {problems:#?}");
    })
}

#[test]
fn has_175_wards_in_13_units_with_the_official_counts() {
    let reg = bundled();
    assert_eq!(reg.districts.len(), 13);
    assert_eq!(reg.wards.len(), 175);
    let counts: BTreeMap<&str, usize> = reg
        .wards_by_district()
        .into_iter()
        .map(|(d, wards)| (d.name.as_str(), wards.len()))
        .collect();
    let expected = [
        ("Ba Đình", 14),
        ("Hoàn Kiếm", 18),
        ("Tây Hồ", 8),
        ("Long Biên", 14),
        ("Cầu Giấy", 8),
        ("Đống Đa", 21),
        ("Hai Bà Trưng", 18),
        ("Hoàng Mai", 14),
        ("Thanh Xuân", 11),
        ("Nam Từ Liêm", 10),
        ("Bắc Từ Liêm", 13),
        ("Hà Đông", 17),
        ("Sơn Tây", 9),
    ];
    for (name, count) in expected {
        assert_eq!(counts.get(name), Some(&count), "wards of {name}");
    }
}

#[test]
fn son_tay_is_the_one_town() {
    let reg = bundled();
    let towns: Vec<&str> = reg
        .districts
        .iter()
        .filter(|d| d.is_town())
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(towns, ["Sơn Tây"]);
}

#[test]
fn codes_are_unique_and_names_are_nfc_with_matching_folds() {
    use unicode_normalization::is_nfc;
    let reg = bundled();
    let codes: HashSet<&str> = reg.wards.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes.len(), 175);
    for w in &reg.wards {
        assert!(
            is_nfc(&w.name) && is_nfc(&w.full_name),
            "{} is not NFC",
            w.code
        );
        assert_eq!(w.folded, fold(&w.name));
    }
    for d in &reg.districts {
        assert!(is_nfc(&d.name) && is_nfc(&d.full_name));
        assert_eq!(d.folded, fold(&d.name));
    }
}

#[test]
fn known_wards_have_their_official_codes_and_names() {
    let reg = bundled();
    assert_eq!(reg.ward("00001").unwrap().name, "Phúc Xá");
    let quang_trung: Vec<&str> = reg
        .wards
        .iter()
        .filter(|w| w.name == "Quang Trung")
        .map(|w| reg.district(&w.district).unwrap().name.as_str())
        .collect();
    assert_eq!(quang_trung, ["Đống Đa", "Hà Đông", "Sơn Tây"]);
    let hang_bo = reg.wards.iter().find(|w| w.name == "Hàng Bồ").unwrap();
    assert_eq!(reg.district(&hang_bo.district).unwrap().name, "Hoàn Kiếm");
}
