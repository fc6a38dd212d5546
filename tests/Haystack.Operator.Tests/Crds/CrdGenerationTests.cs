using System.Reflection;
using System.Text.Json.Nodes;
using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Crds;

public sealed class CrdGenerationTests
{
    public static TheoryData<Type> EntityTypes() => new(HaystackCrds.EntityTypes);

    [Fact]
    public void Generated_crds_are_valid_custom_resource_definitions()
    {
        var crds = HaystackCrds.EntityTypes.Select(t => (JsonNode)CustomResourceDefinitionGenerator.Generate(t)).ToList();

        var errors = NodeValidator.ValidateKubernetesObjects(crds);

        Assert.All(errors, Assert.Empty);
    }

    [Fact]
    public void Defaults_in_the_schema_agree_with_the_property_initializers()
    {
        var checkedProperties = 0;
        foreach (var type in typeof(HaystackApi).Assembly.GetTypes().Where(t => t.Namespace == typeof(HaystackApi).Namespace && t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            var instance = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties())
            {
                if (property.GetCustomAttribute<DefaultAttribute>() is { } attribute)
                {
                    Assert.True(Equals(Normalise(attribute.Value), Normalise(property.GetValue(instance))),
                        $"{type.Name}.{property.Name}: [Default({attribute.Value})] but the initializer gives {property.GetValue(instance)}");
                    checkedProperties++;
                }
            }
        }
        Assert.True(checkedProperties >= 15, $"only {checkedProperties} defaults found; did the entity namespace move?");
    }

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public void Every_printer_column_points_at_a_field_of_the_schema(Type entityType)
    {
        var schema = HaystackCrds.Schema(entityType);
        foreach (var column in entityType.GetCustomAttributes<PrinterColumnAttribute>())
        {
            if (column.JsonPath.StartsWith(".metadata.", StringComparison.Ordinal))
            {
                continue;
            }
            var node = schema;
            // ".status.conditions[?(@.type==\"Ready\")].status" walks status, conditions (a list), status.
            var path = System.Text.RegularExpressions.Regex.Replace(column.JsonPath, @"\[[^\]]*\]", "[]");
            foreach (var part in path.TrimStart('.').Split('.'))
            {
                var name = part.Split('[')[0];
                node = node["properties"]?[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"column {column.Name}: {column.JsonPath} has no field '{name}' in the schema");
                if (part.Contains('['))
                {
                    node = node["items"]!.AsObject();
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public void Immutable_fields_carry_a_self_equals_old_self_rule(Type entityType)
    {
        var crd = CustomResourceDefinitionGenerator.Generate(entityType);
        var rules = crd.ToJsonString();
        var immutable = ImmutableProperties(entityType).ToList();

        Assert.NotEmpty(immutable);
        Assert.Equal(immutable.Count, CountOccurrences(rules, "\"rule\":\"self == oldSelf\""));
    }

    [Fact]
    public void Storage_class_volume_id_and_volume_replicas_are_immutable()
    {
        Assert.NotNull(typeof(StoreSpec).GetProperty(nameof(StoreSpec.StorageClassName))!.GetCustomAttribute<ImmutableAttribute>());
        Assert.NotNull(typeof(HaystackVolumeSpec).GetProperty(nameof(HaystackVolumeSpec.Id))!.GetCustomAttribute<ImmutableAttribute>());
        Assert.NotNull(typeof(HaystackVolumeSpec).GetProperty(nameof(HaystackVolumeSpec.Replicas))!.GetCustomAttribute<ImmutableAttribute>());
    }

    private static IEnumerable<PropertyInfo> ImmutableProperties(Type type, HashSet<Type>? seen = null)
    {
        seen ??= [];
        if (!seen.Add(type) || type.Namespace != typeof(HaystackApi).Namespace)
        {
            yield break;
        }
        foreach (var property in type.GetProperties())
        {
            if (property.GetCustomAttribute<ImmutableAttribute>() is not null)
            {
                yield return property;
            }
            foreach (var nested in ImmutableProperties(property.PropertyType, seen))
            {
                yield return nested;
            }
        }
    }

    private static int CountOccurrences(string text, string value) => (text.Length - text.Replace(value, "").Length) / value.Length;

    private static object? Normalise(object? value) => value switch
    {
        int i => (long)i,
        Enum e => e.ToString(),
        _ => value,
    };
}
