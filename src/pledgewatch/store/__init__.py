"""Storage: the database engine, the ORM models, migrations and one repository per aggregate."""
