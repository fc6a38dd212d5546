using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Crds;

/// <summary>
/// Derives a structural OpenAPI v3 schema (the dialect of CRD <c>openAPIV3Schema</c>) from C# types by
/// reflection: JSON names as KubernetesClient's <see cref="KubernetesJson"/> writes them (camelCase unless named), validation from this folder's attributes.
/// </summary>
public static class OpenApiSchemaGenerator
{
    /// <summary>
    /// Required fields of KubernetesClient models the entities embed: the package's models carry no such marks, so
    /// the CRD names the fields a condition cannot go without, as it did before the move to the package.
    /// </summary>
    private static readonly Dictionary<Type, string[]> PackageModelRequired = new()
    {
        [typeof(V1Condition)] = ["type", "status", "reason"],
    };

    /// <summary>The schema of a whole custom resource: apiVersion, kind, metadata, spec and status.</summary>
    public static JsonObject ForEntity(Type entityType) => ForObject(entityType);

    private static JsonObject ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }
        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }
        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = type == typeof(int) ? "int32" : "int64" };
        }
        if (type == typeof(double))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }
        if (type == typeof(DateTime))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }
        if (type == typeof(V1ObjectMeta))
        {
            // The API server owns metadata's schema; a CRD may only say it is an object.
            return new JsonObject { ["type"] = "object" };
        }
        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray()) };
        }
        if (type == typeof(ResourceQuantity) || type == typeof(IntOrString))
        {
            return IntOrString(type == typeof(ResourceQuantity));
        }
        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForType(valueType) };
        }
        if (ListItemType(type) is { } itemType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = ForType(itemType) };
        }
        if (type.IsClass && type.Namespace is { } ns && (ns.StartsWith("Haystack.", StringComparison.Ordinal) || ns == "k8s.Models"))
        {
            return ForObject(type);
        }
        throw new NotSupportedException($"no OpenAPI schema mapping for {type.FullName}; add one to {nameof(OpenApiSchemaGenerator)}");
    }

    private static JsonObject IntOrString(bool quantity)
    {
        var schema = new JsonObject
        {
            ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        };
        if (quantity)
        {
            schema["pattern"] = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";
        }
        schema["x-kubernetes-int-or-string"] = true;
        return schema;
    }

    private static JsonObject ForObject(Type type)
    {
        var schema = new JsonObject();
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } description)
        {
            schema["description"] = description.Text;
        }
        schema["type"] = "object";
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in SerializedProperties(type))
        {
            var name = JsonName(property);
            properties[name] = ForProperty(property);
            if (IsRequired(property))
            {
                required.Add(name);
            }
        }
        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        var rules = type.GetCustomAttributes<ValidationRuleAttribute>().Select(Rule).ToArray();
        if (rules.Length > 0)
        {
            schema["x-kubernetes-validations"] = new JsonArray(rules);
        }
        return schema;
    }

    private static JsonObject ForProperty(PropertyInfo property)
    {
        var typeSchema = ForType(property.PropertyType);
        var schema = new JsonObject();
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Text
            ?? typeSchema["description"]?.GetValue<string>();
        if (description is not null)
        {
            schema["description"] = description;
        }
        foreach (var (key, value) in typeSchema.ToList())
        {
            if (key != "description")
            {
                typeSchema.Remove(key);
                schema[key] = value;
            }
        }
        AddDefault(schema, property);
        AddBounds(schema, property);
        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } listMap)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = new JsonArray(listMap.Keys.Select(k => (JsonNode)k).ToArray());
        }
        var rules = property.GetCustomAttributes<ValidationRuleAttribute>().Select(Rule).ToList();
        if (property.GetCustomAttribute<ImmutableAttribute>() is { } immutable)
        {
            rules.Insert(0, new JsonObject
            {
                ["rule"] = "self == oldSelf",
                ["message"] = $"{JsonName(property)} is immutable: {immutable.Reason}",
            });
        }
        if (rules.Count > 0)
        {
            var existing = schema["x-kubernetes-validations"]?.AsArray();
            schema.Remove("x-kubernetes-validations");
            schema["x-kubernetes-validations"] = new JsonArray([.. rules, .. existing?.Select(r => r!.DeepClone()) ?? []]);
        }
        return schema;
    }

    private static void AddDefault(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<DefaultAttribute>() is { } explicitDefault)
        {
            schema["default"] = DefaultValue(explicitDefault.Value);
        }
        else if (!IsRequired(property) && IsObject(property.PropertyType) && HasDefaults(property.PropertyType)
                 && Nullable.GetUnderlyingType(property.PropertyType) is null && !IsNullableReference(property))
        {
            // Structural defaulting only descends into objects that exist; an empty default makes the
            // nested defaults apply when the whole section is left out.
            schema["default"] = new JsonObject();
        }
    }

    private static JsonNode DefaultValue(object value) => value switch
    {
        Enum e => JsonValue.Create(e.ToString()),
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => throw new NotSupportedException($"unsupported default value {value} of type {value.GetType().Name}"),
    };

    private static void AddBounds(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema["minimum"] = Number(range.Minimum);
            if (range.Maximum is { } maximum)
            {
                schema["maximum"] = Number(maximum);
            }
        }
        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            var isList = schema["type"]?.GetValue<string>() == "array";
            schema[isList ? "minItems" : "minLength"] = length.Minimum;
            schema[isList ? "maxItems" : "maxLength"] = length.Maximum;
        }
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Regex;
        }
    }

    private static JsonNode Number(object value) => value switch
    {
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject Rule(ValidationRuleAttribute rule) =>
        new() { ["rule"] = rule.Rule, ["message"] = rule.Message };

    internal static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .OrderBy(p => p.MetadataToken);

    internal static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static bool IsRequired(PropertyInfo property) =>
        (PackageModelRequired.TryGetValue(property.DeclaringType!, out var required) && required.Contains(JsonName(property)))
        || property.GetCustomAttribute<RequiredAttribute>() is not null
        || property.GetCustomAttribute<RequiredMemberAttribute>() is not null;

    private static bool IsObject(Type type) =>
        type.IsClass && type != typeof(string) && DictionaryValueType(type) is null && ListItemType(type) is null
        && type.Namespace?.StartsWith("Haystack.", StringComparison.Ordinal) == true;

    private static bool HasDefaults(Type type) =>
        SerializedProperties(type).Any(p => p.GetCustomAttribute<DefaultAttribute>() is not null
                                            || (IsObject(p.PropertyType) && HasDefaults(p.PropertyType)));

    private static bool IsNullableReference(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;

    private static Type? DictionaryValueType(Type type) =>
        GenericArgument(type, typeof(IDictionary<,>), 1) ?? GenericArgument(type, typeof(IReadOnlyDictionary<,>), 1);

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType() : GenericArgument(type, typeof(IEnumerable<>), 0) is { } item && type != typeof(string) && DictionaryValueType(type) is null ? item : null;

    private static Type? GenericArgument(Type type, Type openInterface, int index)
    {
        var candidates = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        return candidates.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface)
            ?.GetGenericArguments()[index];
    }
}
