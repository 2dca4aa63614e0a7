//! An event's booth set-up through the services, on SQLite and PostgreSQL: the call and its
//! support rates, booth types, zones, a 4 × 10 floor plan with rows of booths, a block of five
//! booths for a commune, the floor plan's clicks; bad input refused by field, changing nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::Db,
        services::{booths as svc, planning},
        testing::{fair_input, request, staff_member, state},
    },
    both_backends,
    domain::{
        account::Role,
        booths::{BoothChange, BoothStatus, BoothTypeForm, CallForm, QuestionForm, RowForm},
        ids::{BoothId, EventId},
        Lang, NewEventInput,
    },
};

fn fair() -> NewEventInput {
    NewEventInput {
        level: "regional".into(),
        ..fair_input("Hội chợ OCOP 2027", "2027-03-08T08:00", "2027-03-12T21:00")
    }
}

fn fields(r: Result<(), app::backend::services::ServiceError>) -> Vec<String> {
    match r {
        Err(app::backend::services::ServiceError::Fields(f)) => f.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

both_backends!(
    a_fair_gets_its_call_booths_floor_plan_and_a_block,
    |db: Db| async move {
        let s = state(&db);
        let me = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let id = planning::save(&s, &me, None, fair(), "").await.unwrap();
        // the call: only OCOP 3★ and up, support as data
        let call = CallForm {
            opens_at: "2027-01-05T08:00".into(),
            closes_at: "2027-02-20T17:00".into(),
            min_stars: "3".into(),
            max_booths: "2".into(),
            support_5: "100".into(),
            support_4: "100".into(),
            support_3: "50".into(),
            ..CallForm::default()
        };
        let late = CallForm {
            closes_at: "2027-03-10T17:00".into(),
            ..call.clone()
        };
        assert_eq!(fields(svc::save_call(&s, &me, id, &late).await), ["closes_at"]);
        let question = QuestionForm {
            kind: "one".into(),
            label_vi: "Đơn vị đã tham gia hội chợ của Sở chưa?".into(),
            choices_vi: "Chưa\nRồi".into(),
            required: "on".into(),
            ..QuestionForm::default()
        };
        assert_eq!(
            fields(svc::add_question(&s, &me, id, &question).await),
            ["label_vi"],
            "no call yet"
        );
        svc::save_call(&s, &me, id, &call).await.unwrap();
        svc::add_question(&s, &me, id, &question).await.unwrap();
        let lonely = QuestionForm {
            choices_vi: "Chưa".into(),
            ..question.clone()
        };
        assert_eq!(fields(svc::add_question(&s, &me, id, &lonely).await), ["choices_vi"]);
        let file = QuestionForm {
            kind: "file".into(),
            label_vi: "Giấy chứng nhận OCOP".into(),
            ..QuestionForm::default()
        };
        svc::add_question(&s, &me, id, &file).await.unwrap();
        let qs = svc::setup(&s, &me, id).await.unwrap().questions;
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].choices, ["Chưa", "Rồi"]);
        assert!(qs[0].required && !qs[1].required);
        svc::remove_question(&s, &me, EventId(id), qs[1].question_id)
            .await
            .unwrap();
        assert!(matches!(
            svc::remove_question(&s, &me, EventId(id), qs[1].question_id).await,
            Err(app::backend::services::ServiceError::NotFound)
        ));
        // two booth types, three zones
        let standard = BoothTypeForm {
            name_vi: "Gian tiêu chuẩn".into(),
            size: "standard".into(),
            price_vnd: "12000000".into(),
            support_rate: "100".into(),
            count: "35".into(),
            ..BoothTypeForm::default()
        };
        let negative = BoothTypeForm {
            price_vnd: "-1".into(),
            ..standard.clone()
        };
        assert_eq!(fields(svc::add_booth_type(&s, &me, id, &negative).await), ["price_vnd"]);
        svc::add_booth_type(&s, &me, id, &standard).await.unwrap();
        let corner = BoothTypeForm {
            name_vi: "Gian góc".into(),
            size: "corner".into(),
            price_vnd: "15000000".into(),
            support_rate: "50".into(),
            count: "5".into(),
            ..BoothTypeForm::default()
        };
        svc::add_booth_type(&s, &me, id, &corner).await.unwrap();
        for zone in ["Khu OCOP", "Khu cà phê", "Khu thủ công mỹ nghệ"] {
            svc::add_zone(&s, &me, id, zone, "").await.unwrap();
        }
        assert_eq!(fields(svc::add_zone(&s, &me, id, "Khu OCOP", "").await), ["name_vi"]);
        // a 4 × 10 floor plan with a row of ten booths per zone, and a fourth row
        assert_eq!(fields(svc::set_floor_plan(&s, &me, id, "0", "4").await), ["cols"]);
        svc::set_floor_plan(&s, &me, id, "10", "4").await.unwrap();
        let setup = svc::setup(&s, &me, id).await.unwrap();
        let (types, zones) = (setup.booth_types, setup.zones);
        for (i, prefix) in ["A", "B", "C", "D"].iter().enumerate() {
            let row = RowForm {
                zone_id: zones[i.min(2)].zone_id.to_string(),
                booth_type_id: types[0].booth_type_id.to_string(),
                prefix: (*prefix).into(),
                count: "10".into(),
                x: "1".into(),
                y: (i + 1).to_string(),
            };
            svc::add_row(&s, &me, id, &row).await.unwrap();
        }
        let again = RowForm {
            zone_id: zones[0].zone_id.to_string(),
            booth_type_id: types[0].booth_type_id.to_string(),
            prefix: "A".into(),
            count: "2".into(),
            x: "1".into(),
            y: "1".into(),
        };
        assert_eq!(
            fields(svc::add_row(&s, &me, id, &again).await),
            ["prefix"],
            "two booths with one code"
        );
        let off = RowForm {
            prefix: "E".into(),
            count: "3".into(),
            x: "9".into(),
            ..again.clone()
        };
        assert_eq!(
            fields(svc::add_row(&s, &me, id, &off).await),
            ["count"],
            "a booth outside the grid"
        );
        let setup = svc::setup(&s, &me, id).await.unwrap();
        assert_eq!(setup.booths.len(), 40);
        // a block of five booths for a commune
        svc::add_block(&s, &me, id, "39", "", "Nguyễn Văn Xã", "0912345678", "5")
            .await
            .unwrap();
        assert_eq!(
            fields(svc::add_block(&s, &me, id, "", "", "", "12", "0").await).len(),
            4
        );
        let setup = svc::setup(&s, &me, id).await.unwrap();
        let held: Vec<&str> = setup
            .booths
            .iter()
            .filter(|b| b.status == BoothStatus::Held)
            .map(|b| b.code.as_str())
            .collect();
        assert_eq!(held, ["A01", "A02", "A03", "A04", "A05"]);
        assert_eq!(setup.blocks[0].holder, "Xã Krông Pắc");
        // clicks: block a booth, move another to a free cell (none is free: refused), label one
        let b6 = setup.booths.iter().find(|b| b.code == "A06").unwrap().booth_id;
        svc::booth_action(&s, &me, EventId(id), BoothId(b6), &BoothChange::Block)
            .await
            .unwrap();
        assert_eq!(
            fields(svc::booth_action(&s, &me, EventId(id), BoothId(b6), &BoothChange::Move(Some((2, 2)))).await),
            ["x"]
        );
        assert_eq!(
            fields(svc::booth_action(&s, &me, EventId(id), BoothId(b6), &BoothChange::Move(Some((11, 1)))).await),
            ["x"]
        );
        svc::set_floor_plan(&s, &me, id, "12", "4").await.unwrap();
        svc::booth_action(&s, &me, EventId(id), BoothId(b6), &BoothChange::Move(Some((12, 4))))
            .await
            .unwrap();
        svc::booth_action(
            &s,
            &me,
            EventId(id),
            BoothId(b6),
            &BoothChange::Label("Sân khấu".into()),
        )
        .await
        .unwrap();
        let held_one = setup.booths.iter().find(|b| b.code == "A01").unwrap().booth_id;
        assert!(matches!(
            svc::booth_action(&s, &me, EventId(id), BoothId(held_one), &BoothChange::Block).await,
            Err(app::backend::services::ServiceError::Refused(
                app::backend::services::Refusal::BoothHeld
            ))
        ));
        let setup = svc::setup(&s, &me, id).await.unwrap();
        let moved = setup.booths.iter().find(|b| b.code == "A06").unwrap();
        assert_eq!((moved.x, moved.y, moved.status), (12, 4, BoothStatus::Blocked));
        assert_eq!(moved.label.as_deref(), Some("Sân khấu"));
        // the plan cannot shrink under its booths
        assert_eq!(fields(svc::set_floor_plan(&s, &me, id, "10", "4").await), ["cols"]);
        // the public plan: codes and zones, nothing private
        let public = svc::public_plan(&db, id, Lang::Vi).await.unwrap().unwrap();
        assert_eq!(public.booths.len(), 40);
        assert!(public.blocks.is_empty() && public.booth_types.is_empty() && public.call.is_none());
        assert!(public
            .booths
            .iter()
            .all(|b| b.held_for.is_none() && b.status == BoothStatus::Available));
    }
);

both_backends!(producers_cannot_touch_the_set_up, |db: Db| async move {
    let s = state(&db);
    let me = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let id = planning::save(&s, &me, None, fair(), "").await.unwrap();
    let anon = request("192.0.2.1", None);
    assert!(matches!(
        svc::set_floor_plan(&s, &anon, id, "10", "4").await,
        Err(app::backend::services::ServiceError::Denied(_))
    ));
    assert!(matches!(
        svc::setup(&s, &me, id + 100).await,
        Err(app::backend::services::ServiceError::NotFound)
    ));
});
