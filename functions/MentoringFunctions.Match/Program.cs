using MentoringFunctions.Match;

return MatchCommand.Run(args, Console.Out, Console.Error);
