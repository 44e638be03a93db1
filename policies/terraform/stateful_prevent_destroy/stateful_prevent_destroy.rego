# METADATA
# title: Stateful resources are protected from destroy
# description: >-
#   Databases, buckets and file systems hold data that a plan can delete: a
#   renamed resource, an attribute that forces replacement, or a careless
#   terraform destroy. lifecycle { prevent_destroy = true } makes Terraform
#   refuse such a plan. A Terraform state-lock table (DynamoDB, hash key
#   LockID and nothing else) holds no data and is not checked. Cloud SQL
#   instances, Bigtable instances and Spanner databases carry the google
#   provider's own guard, deletion_protection, on by default (Terraform
#   refuses to delete them): they are reported only when it is written
#   false.
# custom:
#   id: tf/stateful-prevent-destroy
#   severity: low
#   resource_types: [aws_db_instance, aws_rds_cluster, aws_dynamodb_table, aws_s3_bucket, aws_efs_file_system, aws_elasticache_replication_group, google_sql_database_instance, google_storage_bucket, google_spanner_database, google_bigtable_instance, azurerm_mssql_database, azurerm_postgresql_flexible_server, azurerm_mysql_flexible_server, azurerm_cosmosdb_account, azurerm_storage_account]
#   remediation: >-
#     Add lifecycle { prevent_destroy = true } (remove it in a separate change
#     when the resource really is to be deleted).
package relcheck.terraform.stateful_prevent_destroy

import data.relcheck.lib.terraform as tf

stateful_types := [
	"aws_db_instance",
	"aws_rds_cluster",
	"aws_dynamodb_table",
	"aws_s3_bucket",
	"aws_efs_file_system",
	"aws_elasticache_replication_group",
	"google_sql_database_instance",
	"google_storage_bucket",
	"google_spanner_database",
	"google_bigtable_instance",
	"azurerm_mssql_database",
	"azurerm_postgresql_flexible_server",
	"azurerm_mysql_flexible_server",
	"azurerm_cosmosdb_account",
	"azurerm_storage_account",
]

deny contains result if {
	some type in stateful_types
	some [name, r] in tf.resources(type)
	not tf.prevent_destroy(r)
	not lock_table(type, r)
	not guarded_by_provider(type, r)
	result := {
		"msg": sprintf("%s.%s holds data but has no lifecycle { prevent_destroy = true }", [type, name]),
		"path": path(type, name, r),
	}
}

path(type, name, r) := array.concat(tf.block_path(tf.resource_path(type, name), r, "lifecycle"), ["prevent_destroy"]) if tf.block(r, "lifecycle")

else := array.concat(tf.resource_path(type, name), ["lifecycle"])

# The S3 backend's lock table: nothing in it is worth a refused plan.
lock_table("aws_dynamodb_table", r) if tf.state_lock_table(r)

# The google provider refuses to destroy these unless deletion_protection
# is false in the state (default true): the same guard as prevent_destroy.
# An unknown value is not judged.
provider_guard := {"google_sql_database_instance", "google_bigtable_instance", "google_spanner_database"}

guarded_by_provider(type, r) if {
	type in provider_guard
	not tf.is_false(object.get(r, "deletion_protection", null))
}
