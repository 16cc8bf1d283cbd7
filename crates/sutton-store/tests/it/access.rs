//! Users, sessions, tokens and row scope: the same on every backend.

use chrono::{DateTime, Duration, NaiveDateTime};
use sutton_domain::*;
use sutton_store::{AccountQuery, OpportunityQuery, Store};

use crate::harness::each_backend;
use crate::sample::dataset;

fn now() -> NaiveDateTime {
    DateTime::from_timestamp(1_763_900_000, 0).expect("valid").naive_utc()
}

fn user(login: &str, role: AccessRole, person: Option<i64>) -> User {
    User {
        id: UserId(0),
        login: login.to_owned(),
        display_name: login.to_uppercase(),
        role,
        person: person.map(PersonId),
        language: Language::Danish,
        disabled: false,
    }
}

fn with_sample(store: &Store) {
    let data = dataset();
    store.write(|tx| tx.insert_dataset(&data)).expect("sample");
}

#[test]
fn users_are_found_by_login_and_logins_are_unique() {
    each_backend(|db, store| {
        with_sample(store);
        let id = store
            .write(|tx| tx.insert_user(&user("rita", AccessRole::Rep, Some(3)), "$argon2id$hash", now()))
            .expect("insert");
        let (found, hash) = store.user_by_login("rita").expect("query").expect("found");
        assert_eq!(
            (found.id, found.role, found.person, found.language),
            (id, AccessRole::Rep, Some(PersonId(3)), Language::Danish),
            "{}",
            db.name
        );
        assert_eq!(hash, "$argon2id$hash");
        assert!(
            store.write(|tx| tx.insert_user(&user("rita", AccessRole::Vp, None), "x", now())).is_err(),
            "login taken"
        );
        let err = store
            .write(|tx| tx.insert_user(&user("nobody", AccessRole::Rep, None), "x", now()))
            .expect_err("a rep needs a person");
        assert!(err.to_string().contains("must be linked to a person"), "{err}");
        let mut promoted = found.clone();
        promoted.role = AccessRole::Manager;
        promoted.person = Some(PersonId(2));
        store.write(|tx| tx.update_user(&promoted)).expect("update");
        assert_eq!(store.user(id).expect("query"), Some(promoted));
    });
}

#[test]
fn sessions_end_when_revoked_expired_or_the_user_is_disabled() {
    each_backend(|db, store| {
        with_sample(store);
        let id = store.write(|tx| tx.insert_user(&user("vera", AccessRole::Vp, Some(1)), "h", now())).expect("insert");
        let later = now() + Duration::hours(8);
        store.write(|tx| tx.create_session(id, "live", "csrf-1", now(), later)).expect("session");
        store.write(|tx| tx.create_session(id, "other", "csrf-2", now(), later)).expect("session");
        let s = store.session_user("live", now()).expect("query").expect("live session");
        assert_eq!((s.user.id, s.csrf_token.as_str()), (id, "csrf-1"), "{}", db.name);
        assert!(store.session_user("live", later + Duration::seconds(1)).expect("query").is_none(), "expired");
        assert!(store.session_user("unknown", now()).expect("query").is_none());
        store.write(|tx| tx.revoke_session("live")).expect("revoke");
        assert!(store.session_user("live", now()).expect("query").is_none(), "signed out");
        assert!(store.session_user("other", now()).expect("query").is_some(), "other sessions stay");
        let mut off = store.user(id).expect("query").expect("user");
        off.disabled = true;
        store.write(|tx| tx.update_user(&off)).expect("disable");
        assert!(store.session_user("other", now()).expect("query").is_none(), "disabled users are signed out");
        off.disabled = false;
        store.write(|tx| tx.update_user(&off)).expect("enable");
        assert_eq!(store.write(|tx| tx.revoke_sessions_of(id)).expect("revoke all"), 1);
        assert!(store.session_user("other", now()).expect("query").is_none());
    });
}

#[test]
fn api_tokens_authenticate_until_revoked_and_only_their_owner_revokes_them() {
    each_backend(|db, store| {
        with_sample(store);
        let rita =
            store.write(|tx| tx.insert_user(&user("rita", AccessRole::Rep, Some(3)), "h", now())).expect("insert");
        let max =
            store.write(|tx| tx.insert_user(&user("max", AccessRole::Manager, Some(2)), "h", now())).expect("insert");
        let token = store.write(|tx| tx.create_api_token(rita, "laptop", "hash-1", now())).expect("token");
        assert_eq!(store.api_token_user("hash-1", now()).expect("query").map(|u| u.id), Some(rita), "{}", db.name);
        assert_eq!(store.api_tokens(rita).expect("list")[0].last_used_at, Some(now()));
        assert!(!store.write(|tx| tx.revoke_api_token(max, token)).expect("revoke"), "not max's token");
        assert!(store.api_token_user("hash-1", now()).expect("query").is_some());
        assert!(store.write(|tx| tx.revoke_api_token(rita, token)).expect("revoke"));
        assert!(store.api_token_user("hash-1", now()).expect("query").is_none());
        assert!(store.api_tokens(rita).expect("list")[0].revoked);
    });
}

#[test]
fn a_rep_reads_only_their_own_book_and_a_manager_their_teams() {
    each_backend(|db, store| {
        with_sample(store);
        let data = dataset();
        let rita = Scope::of(&user("rita", AccessRole::Rep, Some(3)), &data.teams, &data.people);
        let max = Scope::of(&user("max", AccessRole::Manager, Some(2)), &data.teams, &data.people);
        let vera = Scope::of(&user("vera", AccessRole::Vp, Some(1)), &data.teams, &data.people);
        let q = AccountQuery { per_page: 50, ..Default::default() };
        let names = |scope: &Scope| -> Vec<String> {
            store.account_page(scope, &q).expect("page").items.into_iter().map(|a| a.name).collect()
        };
        assert_eq!(names(&rita), vec!["Globex"], "{}: the rep owns Globex only", db.name);
        assert_eq!(names(&vera), vec!["Globex", "Globex Japan"]);
        assert!(store.account_detail(&rita, AccountId(1)).expect("query").is_some());
        assert!(
            store.account_detail(&rita, AccountId(2)).expect("query").is_none(),
            "not hers: indistinguishable from missing"
        );
        assert!(
            matches!(&max, Scope::People(set) if set.contains(&PersonId(3)) && set.contains(&PersonId(5)) && !set.contains(&PersonId(1)))
        );
        let detail = store.account_detail(&max, AccountId(1)).expect("query").expect("the team's account");
        assert_eq!(detail.contacts.len(), 1);
        assert_eq!(detail.opportunities.len(), 1);
        assert_eq!(detail.territory.as_deref(), Some("LA Basin"));
        let deals =
            store.opportunity_page(&rita, &OpportunityQuery { per_page: 10, ..Default::default() }).expect("page");
        assert_eq!(deals.total, 1);
        let deal = store.opportunity_detail(&rita, OpportunityId(1)).expect("query").expect("hers");
        assert_eq!(deal.history.len(), 2);
        assert_eq!(deal.team_names, vec!["Rita Rep", "Max Manager", "Sam Engineer"]);
        let nobody = Scope::People(Default::default());
        assert!(store.opportunity_detail(&nobody, OpportunityId(1)).expect("query").is_none());
        assert_eq!(store.deal_facts(&nobody).expect("facts").len(), 0);
        assert_eq!(store.deal_facts(&rita).expect("facts").len(), 1);
        let search = AccountQuery { search: Some("JAPAN".to_owned()), per_page: 10, ..Default::default() };
        assert_eq!(store.account_page(&vera, &search).expect("page").total, 1, "search ignores case");
        let wildcard = AccountQuery { search: Some("%".to_owned()), per_page: 10, ..Default::default() };
        assert_eq!(store.account_page(&vera, &wildcard).expect("page").total, 0, "a % is text, not a wildcard");
        // The current territory map: units, the account assigned one by one, other currencies
        // left out of the potential, and only the territories a scope's people cover.
        let map = store.territory_map(&vera, Currency::USD).expect("map");
        assert_eq!(map.len(), 1, "{}: the region has no units of its own", db.name);
        assert_eq!(map[0].name, "LA Basin");
        assert_eq!(map[0].units, vec!["06037".to_owned()]);
        assert_eq!(map[0].reps, vec![(PersonId(3), "Rita Rep".to_owned())]);
        assert_eq!(map[0].accounts, 2, "Globex by its county, Globex Japan by assignment");
        assert_eq!(map[0].potential_minor, 12_345_678, "the yen potential is not added to dollars");
        assert_eq!(store.territory_map(&rita, Currency::USD).expect("map").len(), 1);
        assert!(store.territory_map(&nobody, Currency::USD).expect("map").is_empty());
        let units = store.accounts_by_unit(&vera, Currency::USD).expect("units");
        let la = units.iter().find(|(u, _, _)| *u == GeoUnitId(1)).expect("Los Angeles County");
        assert_eq!(la.2, 12_345_678, "{}: sums are integers on both databases", db.name);
    });
}
