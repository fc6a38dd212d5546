using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Haystack.Operator.Crds;

/// <summary>Builds an apiextensions.k8s.io/v1 CustomResourceDefinition from an entity class and its attributes.</summary>
public static class CustomResourceDefinitionGenerator
{
    public static JsonObject Generate(Type entityType)
    {
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{entityType.Name} has no [{nameof(KubernetesEntityAttribute)}]", nameof(entityType));
        var names = new JsonObject
        {
            ["kind"] = entity.Kind,
            ["listKind"] = entity.Kind + "List",
            ["plural"] = entity.PluralName,
            ["singular"] = entity.Kind.ToLowerInvariant(),
        };
        if (entityType.GetCustomAttribute<ShortNamesAttribute>() is { } shortNames)
        {
            names["shortNames"] = Strings(shortNames.Names);
        }
        if (entityType.GetCustomAttribute<CategoriesAttribute>() is { } categories)
        {
            names["categories"] = Strings(categories.Names);
        }
        var version = new JsonObject
        {
            ["name"] = entity.ApiVersion,
            ["served"] = true,
            ["storage"] = true,
            ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
            ["additionalPrinterColumns"] = PrinterColumns(entityType),
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = OpenApiSchemaGenerator.ForEntity(entityType) },
        };
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{entity.PluralName}.{entity.Group}",
                ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "haystack", ["app.kubernetes.io/component"] = "crd" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = entity.Group,
                ["names"] = names,
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    /// <summary>The file name kubebuilder would give the CRD: <c>group_plural.yaml</c>.</summary>
    public static string FileName(Type entityType)
    {
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{entityType.Name} has no [{nameof(KubernetesEntityAttribute)}]", nameof(entityType));
        return $"{entity.Group}_{entity.PluralName}.yaml";
    }

    private static JsonArray PrinterColumns(Type entityType)
    {
        var columns = new JsonArray();
        foreach (var column in entityType.GetCustomAttributes<PrinterColumnAttribute>())
        {
            var json = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["jsonPath"] = column.JsonPath };
            if (column.Description is not null)
            {
                json["description"] = column.Description;
            }
            if (column.Format is not null)
            {
                json["format"] = column.Format;
            }
            if (column.Priority != 0)
            {
                json["priority"] = column.Priority;
            }
            columns.Add(json);
        }
        return columns;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
