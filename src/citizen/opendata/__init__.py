"""Open data in the standards others read, converted from the `format: 1` export document.

Every converter here is a pure function of the dict `catalogue.export.export_catalogue`
returns (documented by `docs/open-data/catalogue.format-1.schema.json`), so it does not care
how that document was built:

- `cpsv_ap.to_cpsv_ap(doc)`: EU Core Public Service Vocabulary AP 3.2.0 as JSON-LD, both
  languages as language-tagged literals;
- `hsds.to_hsds(doc, locale)`: Open Referral HSDS 3.0 JSON in one language, with the pieces
  the HSDS API routes serve (`hsds.HsdsView`).
"""
