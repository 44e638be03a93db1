# METADATA
# title: Terraform helpers
# description: >-
#   Reading the conftest-style module input: resources by type, nested blocks
#   (always arrays), booleans and numbers written as strings, and unresolved
#   expressions kept as "${...}" strings.
package relcheck.lib.terraform

# Each resource of a type as [name, resource].
resources(type) := {[name, r] |
	some name, r in object.get(input, ["resource", type], {})
	is_object(r)
	not disabled_by_count(r)
}

# Registry modules that create one resource of a type from inputs named and
# defaulted like the resource's own arguments. Most real configurations call
# such a module instead of writing the resource, so a call is checked as the
# resource it creates. Matched on the source, registry or git form, the
# root module or its db_instance submodule; the other submodules
# (//modules/db_subnet_group, db_parameter_group, db_option_group, ...)
# create no instance, and terraform-aws-rds-aurora is another module.
# terraform-aws-modules/autoscaling/aws has kept the group's own argument
# names (min_size, health_check_type, vpc_zone_identifier,
# target_group_arns) and defaults from v2 to v9; from v8 it attaches load
# balancers through traffic_source_attachments instead.
# terraform-aws-modules/s3-bucket/aws takes versioning as a map with the
# legacy block's enabled (or status), {} by default: no versioning.
resource_module_sources := {
	"aws_db_instance": `terraform-aws-modules/(rds/aws|terraform-aws-rds)(\.git)?(//modules/db_instance)?/?([?]|$)`,
	"aws_autoscaling_group": `terraform-aws-modules/(autoscaling/aws|terraform-aws-autoscaling)(\.git)?/?([?]|$)`,
	"aws_s3_bucket": `terraform-aws-modules/(s3-bucket/aws|terraform-aws-s3-bucket)(\.git)?/?([?]|$)`,
}

# The inputs with which such a module is told to create nothing (create_asg
# before autoscaling v5).
module_create_inputs := {
	"aws_db_instance": ["create", "create_db_instance"],
	"aws_autoscaling_group": ["create", "create_asg"],
	"aws_s3_bucket": ["create_bucket"],
}

# created(type): each resource of type, and each call of a module that creates one, as
# [label, object, path]: label names it in messages ("aws_db_instance.main",
# "module.db"), path is where its attributes are.
created(type) := {[sprintf("%s.%s", [type, name]), r, resource_path(type, name)] |
	some [name, r] in resources(type)
} | {[sprintf("module.%s", [name]), m, ["module", name]] |
	some name, m in object.get(input, "module", {})
	is_object(m)
	regex.match(resource_module_sources[type], lower_str(object.get(m, "source", "")))
	not disabled_by_count(m)
	not creates_nothing(type, m)
}

# module_calls(source, create_inputs): each call, as [name, call], of a
# module whose source matches the pattern source (lower case), unless count
# or for_each leaves it empty or one of create_inputs is false. For modules
# whose inputs are not the resource's own (a rule reads them by name).
module_calls(source, create_inputs) := {[name, m] |
	some name, m in object.get(input, "module", {})
	is_object(m)
	regex.match(source, lower_str(object.get(m, "source", "")))
	not disabled_by_count(m)
	not any_false(m, create_inputs)
}

any_false(m, keys) if {
	some key in keys
	is_false(object.get(m, key, true))
}

# terraform-aws-modules/dynamodb-table/aws: one table per call, create_table
# (create from v6) false creates none. Point-in-time recovery is the flat
# point_in_time_recovery_enabled (false by default) up to v5, and the object
# point_in_time_recovery ({enabled = true} when given, null by default) from
# v6.
dynamodb_table_module := `terraform-aws-modules/(dynamodb-table/aws|terraform-aws-dynamodb-table)(\.git)?/?([?]|$)`

dynamodb_table_module_create_inputs := ["create", "create_table"]

# terraform-aws-modules/eks/aws: managed node groups are the entries of the
# map eks_managed_node_groups, each with min_size (or the one of
# eks_managed_node_group_defaults, up to v20). create = false creates none.
eks_module := `terraform-aws-modules/(eks/aws|terraform-aws-eks)(\.git)?/?([?]|$)`

# terraform-aws-modules/elasticache/aws (v1 on): one call creates a
# replication group (create_replication_group, true by default) or, with
# create_cluster = true and create_replication_group = false, a standalone
# cluster. Automatic failover is forced on by multi_az_enabled or
# cluster_mode_enabled.
elasticache_module := `terraform-aws-modules/(elasticache/aws|terraform-aws-elasticache)(\.git)?/?([?]|$)`

# terraform-google-modules/sql-db/google//modules/postgresql (also published
# as GoogleCloudPlatform/sql-db/google): one Cloud SQL
# instance whose availability_type is a flat input, ZONAL by default. The
# other submodules (mysql, mssql, safer_mysql) are not read.
sql_db_postgresql_module := `(terraform-google-modules|googlecloudplatform)/(sql-db/google|terraform-google-sql-db)(\.git)?//modules/postgresql/?([?]|$)`

# Azure/aks/azurerm: the default node pool's zones are
# agents_availability_zones (null by default: no zones), the other pools
# are entries of the map node_pools, each with zones (null by default).
aks_module := `azure/(aks/azurerm|terraform-azurerm-aks)(\.git)?/?([?]|$)`

creates_nothing(type, m) if {
	some key in module_create_inputs[type]
	is_false(object.get(m, key, true))
}

# count = 0 (often var.enabled ? 1 : 0 with a false default) or an empty
# for_each creates nothing.
disabled_by_count(r) if number(r.count) == 0

disabled_by_count(r) if r.for_each in {[], {}}

# The path of a resource, or of an attribute of it.
resource_path(type, name) := ["resource", type, name]

attr_path(type, name, attr) := ["resource", type, name, attr]

# unknown is true for values Terraform only knows at plan time.
unknown(v) if {
	is_string(v)
	contains(v, "${")
}

is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(trim_space(v)) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(trim_space(v)) == "false"
}

# A number, a number written as a string, or undefined.
number(v) := v if is_number(v)

number(v) := to_number(trim_space(v)) if {
	is_string(v)
	regex.match(`^\s*-?[0-9]+(\.[0-9]+)?\s*$`, v)
}

# The first block of a nested block attribute (blocks are arrays; tolerate an
# object for hand-written JSON).
block(obj, key) := b if {
	bs := obj[key]
	is_array(bs)
	b := bs[0]
	is_object(b)
}

block(obj, key) := b if {
	b := obj[key]
	is_object(b)
}

# has_block is true when a nested block is written out or generated by a
# dynamic "key" block (whose content is not known here).
has_block(obj, key) if block(obj, key)

has_block(obj, key) if {
	some d in obj.dynamic
	d[key]
}

# The path to the first block, following the array when there is one.
block_path(base, obj, key) := array.concat(base, [key, 0]) if is_array(obj[key])

else := array.concat(base, [key])

# The first block, or {} when there is none (for attributes with defaults).
block_or_empty(obj, key) := b if b := block(obj, key)

else := {}

# true when the attribute is absent or null.
absent(obj, key) if not has_value(obj, key)

has_value(obj, key) if {
	v := obj[key]
	v != null
}

# The name of the resource of type a "${TYPE.NAME.attr}" reference names,
# with or without an index (TYPE.NAME[0].id, TYPE.NAME["x"].id, and the
# legacy TYPE.NAME.0.id that Terraform 0.11 configurations still use).
referenced_name(v, type) := name if {
	is_string(v)
	pattern := sprintf(`^\$\{\s*%s\.([A-Za-z0-9_-]+)(\[[^\]]*\]|\.[0-9]+)?\.[A-Za-z0-9_]+\s*\}$`, [type])
	m := regex.find_all_string_submatch_n(pattern, v, 1)
	count(m) == 1
	name := m[0][1]
}

# The number of instances a resource declares: count when it is a known
# number, 2 (that is, "several") when it uses for_each or an unknown count.
instances(r) := 1 if {
	absent(r, "count")
	absent(r, "for_each")
}

instances(r) := n if n := number(r.count)

instances(r) := 2 if {
	has_value(r, "count")
	not number(r.count)
}

instances(r) := 2 if {
	absent(r, "count")
	has_value(r, "for_each")
}

# lifecycle { prevent_destroy = true }
prevent_destroy(r) if {
	lc := block(r, "lifecycle")
	is_true(lc.prevent_destroy)
}

# disabled is true when a boolean attribute is absent, null or false; an
# unknown value is not disabled.
disabled(obj, key) if absent(obj, key)

disabled(obj, key) if is_false(obj[key])

# A Terraform state-lock table (the S3 backend's dynamodb_table): its only
# key is LockID, as the backend requires, and it holds leases and state
# digests that Terraform rewrites, nothing to restore.
state_lock_table(t) if {
	t.hash_key == "LockID"
	absent(t, "range_key")
}

# A read replica of another database instance.
read_replica(r) if has_value(r, "replicate_source_db")

# lower(v) and upper(v) for strings, "" for anything else, so that a value of
# an unexpected type never raises a built-in error.
lower_str(v) := lower(v) if is_string(v)

else := ""

upper_str(v) := upper(v) if is_string(v)

else := ""

# The number of elements of a list attribute: its length when known; 1 for
# an unresolved list literal with a single plain element ("${[aws_subnet.a.id]}"),
# also one picked by an index ("${[data.aws_subnets.public.ids[0]]}"),
# undefined when it cannot be told (a splat, a for expression, a variable).
list_length(v) := count(v) if is_array(v)

list_length(v) := 1 if {
	is_string(v)
	m := regex.find_all_string_submatch_n(`^\$\{\s*\[\s*((?:[^\[\]\{\},]|\[[^\[\]\{\},]*\])+?)\s*,?\s*\]\s*\}$`, v, 1)
	count(m) == 1
	not list_valued(m[0][1])
}

# A one-element list whose element is picked per instance of a resource
# that declares several (count other than a known 1, or for_each):
# zones = [var.zones[count.index]] with count = length(var.zones), or
# vpc_zone_identifier = [each.value] with for_each over subnets. Each
# instance is pinned to one zone or subnet, one instance per element: the
# layout of per-zone node pools and per-AZ groups, which spans as many zones
# as the collection holds; that number is not known here.
spread_by_instance(r, v) if {
	is_string(v)
	list_length(v) == 1
	regex.match(`count\.index|each\.(key|value)`, v)
	instances(r) > 1
	not switched(r)
}

# count = var.enabled ? 1 : 0: at most one instance, whatever is unknown.
switched(r) if {
	is_string(r.count)
	regex.match(`\?\s*[01]\s*:\s*[01]\s*\}$`, r.count)
}

# 1 too for a one-element list literal whose element is a string template
# with text around its interpolation (["${var.region}a"],
# ["${local.region}-b"]): one string, whatever the variable holds. An
# element that is only an interpolation (["${var.subnets}"]) is left
# undefined: in Terraform 0.11 that spelling passes a whole list.
list_length(v) := 1 if {
	is_string(v)
	m := regex.find_all_string_submatch_n(`^\$\{\s*\[\s*("(?:[^"\\]|\\.)*")\s*,?\s*\]\s*\}$`, v, 1)
	count(m) == 1
	not regex.match(`^"\$\{[^{}"]*\}"$`, m[0][1])
}

# An element that is itself a list (a splat or an attribute holding ids).
list_valued(element) if contains(element, "*")

list_valued(element) if contains(element, "for ")

list_valued(element) if endswith(trim_space(element), "ids")

list_valued(element) if endswith(trim_space(element), "subnets")
