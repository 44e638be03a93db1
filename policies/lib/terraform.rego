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
}

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
# with or without an index (TYPE.NAME[0].id, TYPE.NAME["x"].id).
referenced_name(v, type) := name if {
	is_string(v)
	pattern := sprintf(`^\$\{\s*%s\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.[A-Za-z0-9_]+\s*\}$`, [type])
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
# undefined when it cannot be told (a splat, a for expression, a variable).
list_length(v) := count(v) if is_array(v)

list_length(v) := 1 if {
	is_string(v)
	m := regex.find_all_string_submatch_n(`^\$\{\s*\[\s*([^\[\]\{\},]+?)\s*,?\s*\]\s*\}$`, v, 1)
	count(m) == 1
	not list_valued(m[0][1])
}

# An element that is itself a list (a splat or an attribute holding ids).
list_valued(element) if contains(element, "*")

list_valued(element) if contains(element, "for ")

list_valued(element) if endswith(trim_space(element), "ids")

list_valued(element) if endswith(trim_space(element), "subnets")
