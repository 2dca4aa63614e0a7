//! The public directory's reads: products whose rating staff have verified and whose certificate
//! is still valid ("listed"), and the producers that have one. `cutoff` is the earliest rating
//! decision still valid today (36 months back, `domain::catalogue::certificate_expiry`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::{bind_all, Bind, Clauses, Db, Tx};
use crate::{backend::ServerError, db_run, domain::directory::ProductFilter, tx_run};

/// The `where` of a listed product `p`, its rating valid on the day `cutoff` stands for.
fn listed(c: &mut Clauses, cutoff: NaiveDate) {
    let p = c.arg(Bind::Date(cutoff));
    c.push(format!(
        "p.verified_at is not null and p.ocop_stars between 3 and 5 and p.decision_date >= {p}"
    ));
}

/// Writes a product's search text: its names and its producer's, folded.
pub async fn write_search_text(tx: &mut Tx, product_id: i64) -> Result<(), ServerError> {
    let sql = "select p.name_vi, p.name_en, o.name from product p join producer o on o.producer_id = p.producer_id \
               where p.product_id = $1";
    let row: Option<(String, Option<String>, String)> =
        tx_run!(tx, conn => sqlx::query_as(sql).bind(product_id).fetch_optional(conn).await)?;
    if let Some((vi, en, producer)) = row {
        let text = search_text(&vi, en.as_deref(), &producer);
        tx_run!(tx, conn => sqlx::query("update product set search_text = $2 where product_id = $1")
            .bind(product_id).bind(text).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

fn search_text(name_vi: &str, name_en: Option<&str>, producer: &str) -> String {
    crate::domain::text::fold(
        &[Some(name_vi), name_en, Some(producer)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Fills the search text of products written before it existed (run at start-up, after the
/// migrations); answers how many it filled.
pub async fn fill_search_texts(db: &Db) -> Result<usize, ServerError> {
    let sql = "select p.product_id, p.name_vi, p.name_en, o.name from product p \
               join producer o on o.producer_id = p.producer_id where p.search_text is null";
    let rows: Vec<(i64, String, Option<String>, String)> =
        db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin_write().await?;
    for (id, vi, en, producer) in &rows {
        let text = search_text(vi, en.as_deref(), producer);
        tx_run!(&mut tx, conn => sqlx::query("update product set search_text = $2 where product_id = $1")
            .bind(*id).bind(text).execute(conn).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// A listed product as the list shows it.
#[derive(Clone, Debug, FromRow)]
pub struct CardRow {
    pub product_id: i64,
    pub name_vi: String,
    pub name_en: Option<String>,
    pub ocop_stars: i32,
    pub group_vi: String,
    pub group_en: String,
    pub producer_id: i64,
    pub producer: String,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub photo_id: Option<i64>,
}

const CARD: &str = "select p.product_id, p.name_vi, p.name_en, p.ocop_stars, g.name_vi as group_vi, \
                    g.name_en as group_en, o.producer_id, o.name as producer, c.kind as commune_kind, \
                    c.name as commune_name, \
                    (select min(f.file_id) from product_file f where f.product_id = p.product_id and f.kind = 'photo') as photo_id \
                    from product p join producer o on o.producer_id = p.producer_id \
                    join product_group g on g.product_group_id = p.product_group_id \
                    left join commune c on c.commune_id = o.commune_id";

/// The clauses of a filter over listed products.
fn filtered(filter: &ProductFilter, cutoff: NaiveDate) -> Clauses {
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    if let Some(g) = &filter.group {
        let p = c.arg(Bind::Text(g.clone()));
        c.push(format!(
            "p.product_group_id = (select product_group_id from product_group where code = {p})"
        ));
    }
    if let Some(s) = filter.stars {
        let p = c.arg(Bind::Int(i64::from(s)));
        c.push(format!("p.ocop_stars = {p}"));
    }
    if let Some(id) = filter.commune {
        let p = c.arg(Bind::Int(id));
        c.push(format!("o.commune_id = {p}"));
    }
    for word in crate::domain::text::fold(&filter.q)
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(8)
    {
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let p = c.arg(Bind::Text(format!("%{escaped}%")));
        c.push(format!("p.search_text like {p} escape '\\'"));
    }
    c
}

/// One page of the listed products the filter finds (best rated first, then by name), and how
/// many it finds in all.
pub async fn products(
    db: &Db,
    filter: &ProductFilter,
    cutoff: NaiveDate,
    page_size: u32,
) -> Result<(Vec<CardRow>, i64), ServerError> {
    let mut c = filtered(filter, cutoff);
    let count_sql = format!(
        "select count(*) from product p join producer o on o.producer_id = p.producer_id {}",
        c.where_sql()
    );
    let total: (i64,) = db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(count_sql.clone())), &c.binds).fetch_one(pool).await)?;
    let offset = i64::from(filter.page.saturating_sub(1)) * i64::from(page_size);
    let (limit, offset) = (c.arg(Bind::Int(i64::from(page_size))), c.arg(Bind::Int(offset)));
    let sql = format!(
        "{CARD} {} order by p.ocop_stars desc, p.search_text, p.product_id limit {limit} offset {offset}",
        c.where_sql()
    );
    let rows = db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?;
    Ok((rows, total.0))
}

/// The listed products of a producer, best rated first.
pub async fn products_of(db: &Db, producer_id: i64, cutoff: NaiveDate) -> Result<Vec<CardRow>, ServerError> {
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    let p = c.arg(Bind::Int(producer_id));
    c.push(format!("p.producer_id = {p}"));
    let sql = format!(
        "{CARD} {} order by p.ocop_stars desc, p.search_text, p.product_id",
        c.where_sql()
    );
    Ok(
        db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?,
    )
}

/// The communes of producers that have listed products: (id, kind, name), wards first.
pub async fn communes(db: &Db, cutoff: NaiveDate) -> Result<Vec<(i64, String, String)>, ServerError> {
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    let sql = format!(
        "select distinct c.commune_id, c.kind, c.name, c.search_text from product p \
         join producer o on o.producer_id = p.producer_id join commune c on c.commune_id = o.commune_id {} \
         order by c.kind desc, c.search_text",
        c.where_sql()
    );
    let rows: Vec<(i64, String, String, String)> = db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(id, kind, name, _)| (id, kind, name)).collect())
}

/// The listed products on sale at a point of sale, by rating then name.
pub async fn products_at(db: &Db, sale_point_id: i64, cutoff: NaiveDate) -> Result<Vec<CardRow>, ServerError> {
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    let s = c.arg(Bind::Int(sale_point_id));
    c.push(format!(
        "p.product_id in (select x.product_id from sale_point_product x where x.sale_point_id = {s})"
    ));
    let sql = format!(
        "{CARD} {} order by p.ocop_stars desc, p.search_text, p.product_id",
        c.where_sql()
    );
    Ok(
        db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?,
    )
}

/// A listed product's page.
#[derive(Clone, Debug, FromRow)]
pub struct ProductRow {
    pub product_id: i64,
    pub name_vi: String,
    pub name_en: Option<String>,
    pub description_vi: Option<String>,
    pub ocop_stars: i32,
    pub certificate_no: Option<String>,
    pub decision_date: NaiveDate,
    pub rated_by: Option<String>,
    pub group_vi: String,
    pub group_en: String,
    pub subgroup_vi: Option<String>,
    pub subgroup_en: Option<String>,
    pub producer_id: i64,
}

pub async fn product(db: &Db, product_id: i64, cutoff: NaiveDate) -> Result<Option<ProductRow>, ServerError> {
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    let p = c.arg(Bind::Int(product_id));
    c.push(format!("p.product_id = {p}"));
    let sql = format!(
        "select p.product_id, p.name_vi, p.name_en, p.description_vi, p.ocop_stars, p.certificate_no, \
         p.decision_date, p.rated_by, g.name_vi as group_vi, g.name_en as group_en, s.name_vi as subgroup_vi, \
         s.name_en as subgroup_en, p.producer_id \
         from product p join product_group g on g.product_group_id = p.product_group_id \
         left join product_subgroup s on s.product_subgroup_id = p.product_subgroup_id {}",
        c.where_sql()
    );
    Ok(
        db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_optional(pool).await)?,
    )
}

/// The ids of a product's photos, oldest first.
pub async fn photos(db: &Db, product_id: i64) -> Result<Vec<i64>, ServerError> {
    let sql = "select file_id from product_file where product_id = $1 and kind = 'photo' order by file_id";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).bind(product_id).fetch_all(pool).await)?)
}

/// A producer that has listed products.
#[derive(Clone, Debug, FromRow)]
pub struct ProducerRow {
    pub producer_id: i64,
    pub name: String,
    pub kind: String,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub products: i64,
    pub best_stars: i32,
    pub has_logo: bool,
}

/// Producers with listed products whose name holds every folded word of `q`, by name; or one
/// producer (`only`).
pub async fn producers(
    db: &Db,
    q: &str,
    only: Option<i64>,
    cutoff: NaiveDate,
) -> Result<Vec<ProducerRow>, ServerError> {
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    if let Some(id) = only {
        let p = c.arg(Bind::Int(id));
        c.push(format!("o.producer_id = {p}"));
    }
    let sql = format!(
        "select o.producer_id, o.name, o.kind, c.kind as commune_kind, c.name as commune_name, \
         count(*) as products, max(p.ocop_stars) as best_stars, o.logo_file is not null as has_logo \
         from product p join producer o on o.producer_id = p.producer_id \
         left join commune c on c.commune_id = o.commune_id {} \
         group by o.producer_id, o.name, o.kind, c.kind, c.name, o.logo_file order by o.name, o.producer_id",
        c.where_sql()
    );
    let rows: Vec<ProducerRow> = db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?;
    // the name is folded here: a producer has no search column, and the list is short
    let words: Vec<String> = crate::domain::text::fold(q)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Ok(rows
        .into_iter()
        .filter(|r| {
            let name = crate::domain::text::fold(&r.name);
            words.iter().all(|w| name.contains(w.as_str()))
        })
        .collect())
}

/// What the sitemap lists: every public event (not a draft) with when it last changed, every
/// listed product with when it last changed, and the producers that have one.
pub async fn sitemap(
    db: &Db,
    cutoff: NaiveDate,
) -> Result<(Vec<(i64, DateTime<Utc>)>, Vec<(i64, DateTime<Utc>)>, Vec<i64>), ServerError> {
    let events: Vec<(i64, DateTime<Utc>)> = db_run!(db, pool => sqlx::query_as(
        "select event_id, updated_at from event where status <> 'draft' order by event_id").fetch_all(pool).await)?;
    let mut c = Clauses::default();
    listed(&mut c, cutoff);
    let sql = format!(
        "select p.product_id, p.updated_at from product p {} order by p.product_id",
        c.where_sql()
    );
    let products: Vec<(i64, DateTime<Utc>)> = db_run!(db, pool => bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?;
    let sql = format!(
        "select distinct p.producer_id from product p {} order by p.producer_id",
        c.where_sql()
    );
    let producers: Vec<i64> = db_run!(db, pool => bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())), &c.binds).fetch_all(pool).await)?;
    Ok((events, products, producers))
}

/// An event of an approved application: (id, title vi, title en, starts, ends).
pub type EventRow = (i64, String, Option<String>, DateTime<Utc>, DateTime<Utc>);

/// Public events (neither drafts nor cancelled) where a product is shown (`product`) or a
/// producer takes part (`producer`) through an approved application; upcoming ones (not ended by
/// `now`) soonest first, or past ones newest first. At most 20.
pub async fn events(
    db: &Db,
    product: Option<i64>,
    producer: Option<i64>,
    now: DateTime<Utc>,
    upcoming: bool,
) -> Result<Vec<EventRow>, ServerError> {
    let (when, order) = if upcoming {
        ("e.ends_at >= $3", "e.starts_at, e.event_id")
    } else {
        ("e.ends_at < $3", "e.starts_at desc, e.event_id desc")
    };
    let sql = format!(
        "select e.event_id, e.title_vi, e.title_en, e.starts_at, e.ends_at from event e \
         where e.status not in ('draft', 'cancelled') and {when} and exists (select 1 from application a \
         where a.event_id = e.event_id and a.status = 'approved' and ($2 is null or a.producer_id = $2) \
         and ($1 is null or exists (select 1 from application_product x \
         where x.application_id = a.application_id and x.product_id = $1))) \
         order by {order} limit 20"
    );
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(product).bind(producer).bind(now).fetch_all(pool).await)?,
    )
}
