//! Which column is what: the sheet of a workbook, one select per role
//! (code, name, district, value, numerator, denominator, period) with the
//! pipeline's guess selected, the wide-period columns it found, and the
//! title, unit, direction and period the dataset will carry. Every change
//! sends the whole request again.

use leptos::prelude::*;
use ward_domain::dataset::Direction;
use ward_domain::import::{ImportRequest, Mapping, Meta};

use super::panel::Session;
use crate::i18n::{use_i18n, Catalogue};

/// The column roles of [`Mapping`], in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Code,
    Name,
    District,
    Value,
    Numerator,
    Denominator,
    Period,
}

impl Role {
    const ALL: [Role; 7] = [
        Role::Code,
        Role::Name,
        Role::District,
        Role::Value,
        Role::Numerator,
        Role::Denominator,
        Role::Period,
    ];

    fn slot(self, mapping: &mut Mapping) -> &mut Option<usize> {
        match self {
            Role::Code => &mut mapping.code,
            Role::Name => &mut mapping.name,
            Role::District => &mut mapping.district,
            Role::Value => &mut mapping.value,
            Role::Numerator => &mut mapping.numerator,
            Role::Denominator => &mut mapping.denominator,
            Role::Period => &mut mapping.period,
        }
    }

    fn get(self, mapping: &Mapping) -> Option<usize> {
        *self.slot(&mut mapping.clone())
    }

    fn label(self, t: &Catalogue) -> &'static str {
        let t = &t.import;
        match self {
            Role::Code => t.role_code,
            Role::Name => t.role_name,
            Role::District => t.role_district,
            Role::Value => t.role_value,
            Role::Numerator => t.role_numerator,
            Role::Denominator => t.role_denominator,
            Role::Period => t.role_period,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Role::Code => "code",
            Role::Name => "name",
            Role::District => "district",
            Role::Value => "value",
            Role::Numerator => "numerator",
            Role::Denominator => "denominator",
            Role::Period => "period",
        }
    }
}

/// Gives `role` the column `column` (or none). A column has at most one
/// role, so any other role (or wide period) that held it lets it go.
fn assign(mapping: &mut Mapping, role: Role, column: Option<usize>) {
    if let Some(column) = column {
        for other in Role::ALL {
            if other != role && other.get(mapping) == Some(column) {
                *other.slot(mapping) = None;
            }
        }
        mapping.wide_periods.retain(|(c, _)| *c != column);
    }
    *role.slot(mapping) = column;
}

fn meta_of(request: &mut ImportRequest) -> Option<&mut Meta> {
    request.meta.as_mut()
}

#[component]
pub fn MappingForm(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = session.outcome;
    let headers =
        move || outcome.with(|o| o.as_ref().map(|o| o.headers.clone()).unwrap_or_default());
    let sheets = move || outcome.with(|o| o.as_ref().map(|o| o.sheets.clone()).unwrap_or_default());
    let current_sheet = move || {
        session
            .request
            .with(|r| r.as_ref().and_then(|r| r.sheet.clone()))
            .or_else(|| sheets().first().cloned())
            .unwrap_or_default()
    };
    let role_select = move |role: Role| {
        let id = format!("import-role-{}", role.id());
        let chosen = move || {
            outcome
                .with(|o| o.as_ref().and_then(|o| role.get(&o.mapping)))
                .map(|c| c.to_string())
                .unwrap_or_default()
        };
        view! {
            <label class="control">
                <span>{move || role.label(i18n.t())}</span>
                <select
                    id=id.clone()
                    data-testid=id
                    prop:value=chosen
                    on:change=move |ev| {
                        let column = event_target_value(&ev).parse::<usize>().ok();
                        session.edit(|r| {
                            if let Some(mapping) = r.mapping.as_mut() {
                                assign(mapping, role, column);
                            }
                        });
                    }
                >
                    <option value="" selected=move || chosen().is_empty()>{move || i18n.t().import.column_none}</option>
                    {move || headers().into_iter().enumerate().map(|(i, header)| {
                        let selected = chosen() == i.to_string();
                        view! {
                            <option value=i.to_string() selected=selected>{format!("{}. {header}", i + 1)}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let wide = move || {
        outcome.with(|o| {
            o.as_ref()
                .map(|o| {
                    o.mapping
                        .wide_periods
                        .iter()
                        .map(|(c, period)| {
                            let header = o.headers.get(*c).cloned().unwrap_or_default();
                            format!("{header} → {period}")
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let meta = move || outcome.with(|o| o.as_ref().map(|o| o.meta.clone()));
    // The pipeline's fatal notices that a field of this form answers.
    let needs = move |code: &'static str| {
        outcome.with(|o| {
            o.as_ref()
                .is_some_and(|o| o.fatal.iter().any(|n| n.code == code))
        })
    };
    let text_input = move |id: &'static str,
                           label: fn(&Catalogue) -> &'static str,
                           get: fn(&Meta) -> String,
                           set: fn(&mut Meta, String),
                           fatal: Option<&'static str>| {
        let invalid = move || fatal.is_some_and(needs);
        view! {
            <label class="control">
                <span>{move || label(i18n.t())}</span>
                <input
                    type="text"
                    id=id
                    data-testid=id
                    class:import-needed=invalid
                    aria-invalid=move || invalid().to_string()
                    prop:value=move || meta().map(|m| get(&m)).unwrap_or_default()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        session.edit(|r| {
                            if let Some(m) = meta_of(r) {
                                set(m, value);
                            }
                        });
                    }
                />
            </label>
        }
    };
    view! {
        <div class="import-mapping">
            {move || (sheets().len() > 1).then(|| view! {
                <label class="control import-sheet">
                    <span>{move || i18n.t().import.sheet_label}</span>
                    <select
                        data-testid="import-sheet"
                        prop:value=current_sheet
                        on:change=move |ev| {
                            let sheet = event_target_value(&ev);
                            // Another sheet has other columns: guess again.
                            session.edit(|r| {
                                r.sheet = Some(sheet);
                                r.mapping = None;
                                r.fixes.clear();
                            });
                        }
                    >
                        {sheets().into_iter().map(|s| {
                            let selected = s == current_sheet();
                            view! { <option value=s.clone() selected=selected>{s.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            <fieldset class="import-fieldset">
                <legend>{move || i18n.t().import.mapping_heading}</legend>
                <p class="muted import-hint">{move || i18n.t().import.mapping_hint}</p>
                <div class="import-grid">
                    {Role::ALL.into_iter().map(role_select).collect_view()}
                </div>
                {move || {
                    let wide = wide();
                    (!wide.is_empty()).then(|| view! {
                        <p class="import-wide" data-testid="import-wide">
                            {move || i18n.t().import.wide_periods}
                            {wide.join(" · ")}
                        </p>
                    })
                }}
            </fieldset>
            <fieldset class="import-fieldset">
                <legend>{move || i18n.t().import.meta_heading}</legend>
                <div class="import-grid">
                    {text_input("import-title", |t| t.import.meta_title, |m| m.title.clone(), |m, v| m.title = v, None)}
                    {text_input("import-unit", |t| t.import.meta_unit, |m| m.unit.clone(), |m, v| m.unit = v, None)}
                    <label class="control">
                        <span>{move || i18n.t().import.meta_direction}</span>
                        <select
                            data-testid="import-direction"
                            prop:value=move || match meta().map(|m| m.direction) {
                                Some(Direction::LowerIsBetter) => "lower",
                                _ => "higher",
                            }
                            on:change=move |ev| {
                                let direction = if event_target_value(&ev) == "lower" {
                                    Direction::LowerIsBetter
                                } else {
                                    Direction::HigherIsBetter
                                };
                                session.edit(|r| {
                                    if let Some(m) = meta_of(r) {
                                        m.direction = direction;
                                    }
                                });
                            }
                        >
                            <option value="higher">{move || i18n.t().import.direction_higher}</option>
                            <option value="lower">{move || i18n.t().import.direction_lower}</option>
                        </select>
                    </label>
                    {text_input(
                        "import-period",
                        |t| t.import.meta_period,
                        |m| m.period.clone().unwrap_or_default(),
                        |m, v| m.period = Some(v.trim().to_string()).filter(|p| !p.is_empty()),
                        Some("period-needed"),
                    )}
                </div>
            </fieldset>
        </div>
    }
}
