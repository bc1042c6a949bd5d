using Fluid;
using Fluid.Values;
using MentoringFunctions.Core.Text;

namespace MentoringFunctions.Pages;

/// <summary>
/// <c>{{ n | plural: "year" }}</c> prints "1 year" or "2 years"; <c>{{ n | plural: "person", "people" }}</c> for an
/// irregular noun. Every template that prints a count uses it, so none says "1 years".
/// </summary>
public static class PluralFilter
{
    public static ValueTask<FluidValue> Apply(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        // A count that is not a number is a template bug; strict rendering says so rather than printing "0 years".
        if (input.Type != FluidValues.Number || arguments.Count == 0)
            throw new InvalidOperationException("plural needs a number and a singular noun: {{ n | plural: \"year\" }}.");
        var count = (long)input.ToNumberValue();
        var plural = arguments.Count > 1 ? arguments.At(1).ToStringValue() : null;
        return new StringValue(Plural.Of(count, arguments.At(0).ToStringValue(), plural));
    }
}
